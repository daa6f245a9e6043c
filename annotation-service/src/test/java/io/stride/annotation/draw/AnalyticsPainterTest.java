package io.stride.annotation.draw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import io.stride.core.analytics.AnalysisRequest;
import io.stride.core.analytics.CountingLine;
import io.stride.core.analytics.LineCount;
import io.stride.core.analytics.Point;
import io.stride.core.analytics.Zone;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

/** Lines, zones and their counters, checked pixel by pixel on a grey 320x240 frame. */
class AnalyticsPainterTest {

    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;
    private static final BgrColor GREY = new BgrColor(128, 128, 128);
    /** Top to bottom at x = 160: its "in" side, where cross(b−a, p−a) > 0, is the left. */
    private static final AnalysisRequest DOOR = new AnalysisRequest(
            List.of(new CountingLine("door", new Point(160, 40), new Point(160, 220))), List.of());
    private static final AnalysisRequest QUEUE = new AnalysisRequest(List.of(), List.of(new Zone("queue",
            List.of(new Point(40, 140), new Point(280, 140), new Point(280, 230), new Point(40, 230)))));

    private final AnalyticsPainter painter = new AnalyticsPainter();

    @Test
    void aLineIsDrawnWithAnArrowTowardsItsInSide() {
        try (Mat image = grey()) {
            painter.paint(image, DOOR, List.of(new LineCount.Crossings(0, 0)), List.of());

            assertThat(pixel(image, 160, 100)).as("on the line").isEqualTo(AnalyticsPainter.LINE_COLOUR);
            assertThat(pixel(image, 160, 200)).as("on the line").isEqualTo(AnalyticsPainter.LINE_COLOUR);
            assertThat(pixel(image, 150, 100)).as("beside the line").isEqualTo(GREY);
            assertThat(pixel(image, 145, 130)).as("the arrow, left of the middle").isEqualTo(AnalyticsPainter.LINE_COLOUR);
            assertThat(pixel(image, 175, 130)).as("nothing on the out side").isEqualTo(GREY);
        }
    }

    @Test
    void theLinesCounterIsATagAtItsStartThatChangesWithTheCounts() {
        try (Mat before = grey(); Mat after = grey()) {
            painter.paint(before, DOOR, List.of(new LineCount.Crossings(0, 0)), List.of());
            painter.paint(after, DOOR, List.of(new LineCount.Crossings(3, 1)), List.of());

            // The tag ends 4 px above the line's start (160, 40), its left edge at the start's x.
            assertThat(pixel(before, 160, 35)).as("tag").isEqualTo(AnalyticsPainter.LINE_COLOUR);
            assertThat(pixel(before, 159, 35)).as("left of the tag").isEqualTo(GREY);
            assertThat(pixel(before, 160, 37)).as("between tag and line").isEqualTo(GREY);
            int tagPixels = count(before, 160, 0, WIDTH, 36, AnalyticsPainter.LINE_COLOUR);
            assertThat(tagPixels).as("a tag with text on it").isBetween(1000, 4000);
            assertThat(differing(before, after, 160, 0, WIDTH, 36)).as("the counts' digits").isGreaterThan(10);
            assertThat(differing(before, after, 0, 36, WIDTH, HEIGHT)).as("nothing else").isZero();
        }
    }

    @Test
    void aZoneIsOutlinedWithItsOccupancy() {
        try (Mat empty = grey(); Mat busy = grey()) {
            painter.paint(empty, QUEUE, List.of(), List.of(0));
            painter.paint(busy, QUEUE, List.of(), List.of(2));

            assertThat(pixel(empty, 200, 140)).as("top edge").isEqualTo(AnalyticsPainter.ZONE_COLOUR);
            assertThat(pixel(empty, 280, 200)).as("right edge").isEqualTo(AnalyticsPainter.ZONE_COLOUR);
            assertThat(pixel(empty, 160, 185)).as("inside, left alone").isEqualTo(GREY);
            assertThat(pixel(empty, 40, 135)).as("the tag above its top vertex")
                    .isEqualTo(AnalyticsPainter.ZONE_COLOUR);
            assertThat(differing(empty, busy, 40, 100, WIDTH, 136)).as("the occupancy's digit").isGreaterThan(5);
            assertThat(differing(empty, busy, 0, 137, WIDTH, HEIGHT)).isZero();
        }
    }

    @Test
    void aTagNearTheEdgeStaysInsideTheFrame() {
        var corner = new AnalysisRequest(
                List.of(new CountingLine("exit", new Point(300, 2), new Point(300, 230))), List.of());
        try (Mat image = grey()) {
            painter.paint(image, corner, List.of(new LineCount.Crossings(12, 34)), List.of());

            assertThat(pixel(image, WIDTH - 1, 0)).as("pushed left and down into the frame")
                    .isEqualTo(AnalyticsPainter.LINE_COLOUR);
        }
    }

    private static Mat grey() {
        try (Scalar grey = new Scalar(GREY.blue(), GREY.green(), GREY.red(), 0)) {
            return new Mat(HEIGHT, WIDTH, CV_8UC3, grey);
        }
    }

    private static BgrColor pixel(Mat image, int x, int y) {
        BytePointer p = image.ptr(y, x);
        return new BgrColor(p.get(0) & 0xff, p.get(1) & 0xff, p.get(2) & 0xff);
    }

    private static int count(Mat image, int x1, int y1, int x2, int y2, BgrColor colour) {
        int n = 0;
        for (int y = y1; y < y2; y++) {
            for (int x = x1; x < x2; x++) {
                if (pixel(image, x, y).equals(colour)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int differing(Mat a, Mat b, int x1, int y1, int x2, int y2) {
        int n = 0;
        for (int y = y1; y < y2; y++) {
            for (int x = x1; x < x2; x++) {
                if (!pixel(a, x, y).equals(pixel(b, x, y))) {
                    n++;
                }
            }
        }
        return n;
    }
}
