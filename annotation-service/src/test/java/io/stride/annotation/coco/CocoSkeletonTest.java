package io.stride.annotation.coco;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CocoSkeletonTest {

    @Test
    void sixteenDistinctLimbsReachEveryKeypoint() {
        assertThat(CocoSkeleton.limbs()).hasSize(16);
        Set<Set<Integer>> unordered = CocoSkeleton.limbs().stream()
                .map(limb -> Set.of(limb.from(), limb.to()))
                .collect(Collectors.toSet());
        assertThat(unordered).hasSize(16);
        Set<Integer> reached = new HashSet<>();
        CocoSkeleton.limbs().forEach(limb -> {
            reached.add(limb.from());
            reached.add(limb.to());
        });
        assertThat(reached).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, CocoSkeleton.KEYPOINTS).boxed().toList());
    }

    @Test
    void armsAndLegsFollowTheBody() {
        assertThat(CocoSkeleton.limbs()).contains(
                new CocoSkeleton.Limb(5, 7), new CocoSkeleton.Limb(7, 9),      // left shoulder-elbow-wrist
                new CocoSkeleton.Limb(6, 8), new CocoSkeleton.Limb(8, 10),     // right shoulder-elbow-wrist
                new CocoSkeleton.Limb(15, 13), new CocoSkeleton.Limb(13, 11),  // left ankle-knee-hip
                new CocoSkeleton.Limb(16, 14), new CocoSkeleton.Limb(14, 12),  // right ankle-knee-hip
                new CocoSkeleton.Limb(5, 6), new CocoSkeleton.Limb(11, 12));   // shoulders, hips
    }
}
