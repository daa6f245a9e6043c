package io.stride.yolox.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.Detection;
import java.util.List;
import org.junit.jupiter.api.Test;

class NmsTest {

    private static final int PERSON = 0;
    private static final int CAR = 2;

    @Test
    void dropsALowerScoringOverlapOfTheSameClass() {
        var best = det(0, 0, 10, 10, 0.9f, PERSON);
        var overlap = det(1, 0, 11, 10, 0.8f, PERSON); // IoU 90/110 = 0.82

        assertThat(new Nms(0.45f).apply(List.of(overlap, best))).containsExactly(best);
    }

    @Test
    void keepsOverlapsOfDifferentClasses() {
        var person = det(0, 0, 10, 10, 0.9f, PERSON);
        var car = det(0, 0, 10, 10, 0.5f, CAR);

        assertThat(new Nms(0.45f).apply(List.of(car, person))).containsExactly(person, car);
    }

    @Test
    void suppressesOnlyAboveTheThreshold() {
        var a = det(0, 0, 10, 10, 0.9f, PERSON);
        var half = det(0, 0, 10, 5, 0.8f, PERSON); // IoU exactly 0.5

        assertThat(new Nms(0.5f).apply(List.of(a, half))).containsExactly(a, half);
        assertThat(new Nms(0.49f).apply(List.of(a, half))).containsExactly(a);
    }

    @Test
    void aSuppressedBoxSuppressesNothing() {
        var a = det(0, 0, 10, 10, 0.9f, PERSON);
        var b = det(4, 0, 14, 10, 0.8f, PERSON); // IoU(a, b) = 60/140 = 0.43
        var c = det(8, 0, 18, 10, 0.7f, PERSON); // IoU(b, c) = 0.43, IoU(a, c) = 20/180 = 0.11

        assertThat(new Nms(0.4f).apply(List.of(a, b, c))).containsExactly(a, c);
    }

    @Test
    void ordersByScoreAndKeepsInputOrderForEqualScores() {
        var first = det(0, 0, 10, 10, 0.5f, PERSON);
        var second = det(50, 0, 60, 10, 0.5f, PERSON);
        var top = det(100, 0, 110, 10, 0.7f, CAR);

        assertThat(new Nms(0.45f).apply(List.of(first, second, top))).containsExactly(top, first, second);
    }

    @Test
    void rejectsAThresholdOutsideZeroToOne() {
        assertThatThrownBy(() -> new Nms(1.5f)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Detection det(float x1, float y1, float x2, float y2, float score, int classId) {
        return new Detection(new BoundingBox(x1, y1, x2, y2), score, classId);
    }
}
