package io.stride.annotation.draw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.Detection;
import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.Keypoint;
import io.stride.core.frame.Pose;
import io.stride.core.frame.TrackedObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResultPainterTest {

    private static final String TASK = "3f2a0c1e-0000-4000-8000-000000000001";
    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;
    private static final BgrColor GREY = new BgrColor(128, 128, 128);
    private static final float THRESHOLD = 0.3f;

    private final ResultPainter painter = new ResultPainter(THRESHOLD, Set.of(0));
    private Mat image;

    @BeforeEach
    void greyImage() {
        try (Scalar grey = new Scalar(GREY.blue(), GREY.green(), GREY.red(), 0)) {
            image = new Mat(HEIGHT, WIDTH, CV_8UC3, grey);
        }
    }

    @AfterEach
    void release() {
        image.close();
    }

    @Test
    void trackBoxIsOutlinedInTheTracksColourAndItsInsideIsLeftAlone() {
        painter.paint(image, frame(List.of(), List.of(track(7, 60, 80, 180, 160, 0)), List.of()));

        BgrColor colour = Palette.forTrack(7);
        assertThat(pixel(60, 120)).as("left edge").isEqualTo(colour);
        assertThat(pixel(179, 120)).as("right edge, x2 exclusive").isEqualTo(colour);
        assertThat(pixel(120, 159)).as("bottom edge, y2 exclusive").isEqualTo(colour);
        assertThat(pixel(120, 120)).as("inside").isEqualTo(GREY);
        assertThat(pixel(120, 200)).as("below").isEqualTo(GREY);
    }

    @Test
    void trackLabelIsAFilledTagAboveTheBoxWithTextOnIt() {
        painter.paint(image, frame(List.of(), List.of(track(7, 60, 80, 180, 160, 0)), List.of()));

        BgrColor colour = Palette.forTrack(7);
        int labelHeight = runUp(61, 79, colour);
        assertThat(labelHeight).as("tag height above the box").isBetween(12, 30);
        assertThat(pixel(61, 79 - labelHeight)).as("above the tag").isEqualTo(GREY);
        int tagWidth = runRight(61, 79, colour);
        int tagPixels = tagWidth * labelHeight;
        int textPixels = tagPixels - countInRegion(61, 80 - labelHeight, 61 + tagWidth, 80, colour);
        assertThat(textPixels).as("text drawn on the tag").isGreaterThan(10);
        // Anti-aliased 1-pixel strokes rarely reach the pure ink colour: the strongest stroke must lean to it.
        double inkLuma = colour.luma() > 150 ? BgrColor.BLACK.luma() : BgrColor.WHITE.luma();
        double strongest = colour.luma();
        for (int y = 80 - labelHeight; y < 80; y++) {
            for (int x = 61; x < 61 + tagWidth; x++) {
                double luma = pixel(x, y).luma();
                if (Math.abs(luma - colour.luma()) > Math.abs(strongest - colour.luma())) {
                    strongest = luma;
                }
            }
        }
        assertThat(Math.abs(strongest - inkLuma)).as("text contrasts with the tag")
                .isLessThan(Math.abs(colour.luma() - inkLuma) / 2);
    }

    @Test
    void labelOfABoxAtTheTopEdgeGoesInsideTheBox() {
        painter.paint(image, frame(List.of(), List.of(track(4, 20, 0, 140, 100, 0)), List.of()));

        BgrColor colour = Palette.forTrack(4);
        assertThat(pixel(22, 1)).isEqualTo(colour);
        int tagHeight = runDown(22, 0, colour);
        assertThat(tagHeight).as("tag height inside the box").isBetween(12, 30);
        assertThat(pixel(22, tagHeight)).as("inside the box below the tag").isEqualTo(GREY);
    }

    @Test
    void labelOfANonPersonTrackAlsoNamesTheClass() {
        painter.paint(image, frame(List.of(), List.of(track(7, 20, 60, 150, 120, 0)), List.of()));
        int personTagWidth = runRight(21, 58, Palette.forTrack(7));
        greyImage();
        painter.paint(image, frame(List.of(), List.of(track(7, 20, 60, 150, 120, 2)), List.of()));
        int carTagWidth = runRight(21, 58, Palette.forTrack(7));

        assertThat(carTagWidth).as("'#7 car' is wider than '#7'").isGreaterThan(personTagWidth + 20);
    }

    @Test
    void detectionsOfUntrackedClassesGetAThinBoxInTheClassColourAndTrackedClassesNone() {
        var car = new Detection(new BoundingBox(30, 60, 90, 100), 0.8f, 2);
        var person = new Detection(new BoundingBox(200, 60, 260, 200), 0.9f, 0);
        painter.paint(image, frame(List.of(car, person), List.of(), List.of()));

        BgrColor carColour = Palette.forClass(2);
        assertThat(pixel(30, 80)).as("car box edge").isEqualTo(carColour);
        assertThat(pixel(31, 80)).as("one pixel thin").isEqualTo(GREY);
        assertThat(pixel(60, 99)).as("car bottom edge").isEqualTo(carColour);
        assertThat(runUp(31, 59, carColour)).as("class name tag").isGreaterThan(10);
        assertThat(pixel(200, 130)).as("person detections are drawn as tracks").isEqualTo(GREY);
        assertThat(countInRegion(195, 0, 265, 240, GREY)).isEqualTo(70 * 240);
    }

    @Test
    void trackedClassesAreConfigurable() {
        var car = new Detection(new BoundingBox(30, 60, 90, 100), 0.8f, 2);
        new ResultPainter(THRESHOLD, Set.of(0, 2)).paint(image, frame(List.of(car), List.of(), List.of()));

        assertThat(countInRegion(0, 0, WIDTH, HEIGHT, GREY)).isEqualTo(WIDTH * HEIGHT);
    }

    @Test
    void skeletonJoinsConfidentKeypointsInTheTracksColour() {
        List<Keypoint> keypoints = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            keypoints.add(new Keypoint(0, 0, 0f));
        }
        keypoints.set(5, new Keypoint(50, 40, 0.9f));    // left shoulder
        keypoints.set(6, new Keypoint(200, 40, 0.35f));  // right shoulder
        keypoints.set(7, new Keypoint(50, 120, 0.9f));   // left elbow
        keypoints.set(8, new Keypoint(200, 120, 0.3f));  // right elbow, exactly at the threshold
        keypoints.set(9, new Keypoint(130, 120, 0.29f)); // left wrist, just below
        Pose pose = new Pose(3, keypoints);

        painter.paint(image, frame(List.of(), List.of(), List.of(pose)));

        BgrColor colour = Palette.forTrack(3);
        assertThat(pixel(50, 80)).as("left upper arm").isEqualTo(colour);
        assertThat(pixel(200, 80)).as("right upper arm").isEqualTo(colour);
        assertThat(pixel(125, 40)).as("shoulders").isEqualTo(colour);
        assertThat(pixel(50, 40)).as("left shoulder keypoint").isEqualTo(colour);
        assertThat(pixel(130, 120)).as("left wrist below threshold").isEqualTo(GREY);
        assertThat(pixel(90, 120)).as("left forearm to a hidden wrist").isEqualTo(GREY);
        assertThat(pixel(25, 20)).as("limb to a zero-score hip at the origin").isEqualTo(GREY);
        assertThat(pixel(1, 1)).as("zero-score keypoints are not drawn").isEqualTo(GREY);
    }

    @Test
    void keypointThresholdIsConfigurable() {
        List<Keypoint> keypoints = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            keypoints.add(new Keypoint(0, 0, 0f));
        }
        keypoints.set(6, new Keypoint(200, 40, 0.35f));
        keypoints.set(8, new Keypoint(200, 120, 0.4f));
        Pose pose = new Pose(3, keypoints);

        new ResultPainter(0.5f, Set.of(0)).paint(image, frame(List.of(), List.of(), List.of(pose)));

        assertThat(pixel(200, 80)).isEqualTo(GREY);
        assertThat(pixel(200, 120)).isEqualTo(GREY);
    }

    private static FrameRecord frame(List<Detection> detections, List<TrackedObject> tracks, List<Pose> poses) {
        return new FrameRecord(TASK, 0, 0, 25.0, WIDTH, HEIGHT, -1, new byte[0], detections, tracks, poses);
    }

    private static TrackedObject track(int id, float x1, float y1, float x2, float y2, int classId) {
        return new TrackedObject(id, new BoundingBox(x1, y1, x2, y2), 0.9f, classId);
    }

    private BgrColor pixel(int x, int y) {
        BytePointer p = image.ptr(y, x);
        return new BgrColor(p.get(0) & 0xff, p.get(1) & 0xff, p.get(2) & 0xff);
    }

    /** Pixels of {@code colour} from (x, y) upwards, (x, y) included. */
    private int runUp(int x, int y, BgrColor colour) {
        int n = 0;
        while (y - n >= 0 && pixel(x, y - n).equals(colour)) {
            n++;
        }
        return n;
    }

    private int runDown(int x, int y, BgrColor colour) {
        int n = 0;
        while (y + n < HEIGHT && pixel(x, y + n).equals(colour)) {
            n++;
        }
        return n;
    }

    private int runRight(int x, int y, BgrColor colour) {
        int n = 0;
        while (x + n < WIDTH && pixel(x + n, y).equals(colour)) {
            n++;
        }
        return n;
    }

    private int countInRegion(int x1, int y1, int x2, int y2, BgrColor colour) {
        int n = 0;
        for (int y = Math.max(0, y1); y < Math.min(HEIGHT, y2); y++) {
            for (int x = Math.max(0, x1); x < Math.min(WIDTH, x2); x++) {
                if (pixel(x, y).equals(colour)) {
                    n++;
                }
            }
        }
        return n;
    }
}
