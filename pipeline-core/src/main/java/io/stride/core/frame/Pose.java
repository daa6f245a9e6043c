package io.stride.core.frame;

import java.util.List;

/** The keypoints of one tracked person, in the model's keypoint order (COCO-17 for the body models). */
public record Pose(int trackId, List<Keypoint> keypoints) {

    public Pose {
        keypoints = List.copyOf(keypoints);
    }
}
