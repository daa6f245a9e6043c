package io.stride.annotation.draw;

import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.getTextSize;
import static org.bytedeco.opencv.global.opencv_imgproc.line;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import io.stride.core.frame.CocoClasses;
import io.stride.annotation.coco.CocoSkeleton;
import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.Detection;
import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.Keypoint;
import io.stride.core.frame.Pose;
import io.stride.core.frame.TrackedObject;
import java.util.List;
import java.util.Set;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Draws one frame's results onto its image, in place: detections of classes nobody tracks as thin boxes with
 * their class name, then every pose's skeleton, then every track's box with a filled {@code #id} label on top.
 * A track's box, label and skeleton share the colour {@link Palette#forTrack} gives its id.
 *
 * <p>Sizes are tuned for 720p and grow with larger frames, so the annotations keep their look on 4K.
 */
public final class ResultPainter {

    /** Short side of the frame the base sizes below were chosen for. */
    private static final double REFERENCE_SHORT_SIDE = 720.0;
    private static final int TRACK_BOX_THICKNESS = 2;
    private static final int DETECTION_BOX_THICKNESS = 1;
    private static final int LIMB_THICKNESS = 2;
    private static final int KEYPOINT_RADIUS = 3;
    private static final double FONT_SCALE = 0.5;
    private static final int TEXT_THICKNESS = 1;
    /** Space between a label's text and the edge of its filled background. */
    private static final int LABEL_PADDING = 3;
    /** Above this luma a label's background is light enough for black text. */
    private static final double LIGHT_BACKGROUND_LUMA = 150;

    private final float keypointScoreThreshold;
    private final Set<Integer> trackedClasses;

    /**
     * @param keypointScoreThreshold keypoints scoring below this are not drawn, nor are limbs touching them
     * @param trackedClasses         classes the tracker follows: their detections are shown as tracks instead
     */
    public ResultPainter(float keypointScoreThreshold, Set<Integer> trackedClasses) {
        this.keypointScoreThreshold = keypointScoreThreshold;
        this.trackedClasses = Set.copyOf(trackedClasses);
    }

    /** Draws onto {@code image}, an 8-bit BGR picture of {@code frame}. */
    public void paint(Mat image, FrameRecord frame) {
        double scale = Math.max(1.0, Math.min(image.cols(), image.rows()) / REFERENCE_SHORT_SIDE);
        Strokes strokes = new Strokes(scale);
        // Points, scalars and sizes are native objects: release this frame's in one go.
        try (PointerScope scope = new PointerScope()) {
            for (Detection detection : frame.detections()) {
                if (!trackedClasses.contains(detection.classId())) {
                    drawDetection(image, detection, strokes);
                }
            }
            for (Pose pose : frame.poses()) {
                drawPose(image, pose, strokes);
            }
            for (TrackedObject track : frame.tracks()) {
                drawTrack(image, track, strokes);
            }
        }
    }

    private void drawDetection(Mat image, Detection detection, Strokes strokes) {
        BgrColor color = Palette.forClass(detection.classId());
        drawBox(image, detection.box(), color, strokes.detectionBox);
        drawLabel(image, CocoClasses.name(detection.classId()), detection.box(), color, strokes);
    }

    private void drawTrack(Mat image, TrackedObject track, Strokes strokes) {
        BgrColor color = Palette.forTrack(track.trackId());
        drawBox(image, track.box(), color, strokes.trackBox);
        String label = "#" + track.trackId();
        if (track.classId() != CocoClasses.PERSON) {
            label += " " + CocoClasses.name(track.classId());
        }
        drawLabel(image, label, track.box(), color, strokes);
    }

    private void drawPose(Mat image, Pose pose, Strokes strokes) {
        Scalar color = scalar(Palette.forTrack(pose.trackId()));
        List<Keypoint> keypoints = pose.keypoints();
        for (CocoSkeleton.Limb limb : CocoSkeleton.limbs()) {
            if (limb.from() < keypoints.size() && limb.to() < keypoints.size()
                    && isVisible(keypoints.get(limb.from())) && isVisible(keypoints.get(limb.to()))) {
                line(image, point(keypoints.get(limb.from())), point(keypoints.get(limb.to())), color,
                        strokes.limb, LINE_AA, 0);
            }
        }
        for (Keypoint keypoint : keypoints) {
            if (isVisible(keypoint)) {
                circle(image, point(keypoint), strokes.keypointRadius, color, FILLED, LINE_AA, 0);
            }
        }
    }

    private boolean isVisible(Keypoint keypoint) {
        return keypoint.score() >= keypointScoreThreshold;
    }

    /** Boxes are exclusive of x2/y2; OpenCV's rectangle includes its second corner. */
    private static void drawBox(Mat image, BoundingBox box, BgrColor color, int thickness) {
        rectangle(image, new Point(Math.round(box.x1()), Math.round(box.y1())),
                new Point(Math.round(box.x2()) - 1, Math.round(box.y2()) - 1), scalar(color), thickness, LINE_8, 0);
    }

    /** A filled tag at the box's top-left corner: above the box, or inside it when the box touches the top. */
    private static void drawLabel(Mat image, String text, BoundingBox box, BgrColor background, Strokes strokes) {
        int[] baseline = new int[1];
        Size textSize = getTextSize(text, FONT_HERSHEY_SIMPLEX, strokes.fontScale, strokes.text, baseline);
        int labelWidth = textSize.width() + 2 * strokes.labelPadding;
        int labelHeight = textSize.height() + baseline[0] + 2 * strokes.labelPadding;
        int left = Math.round(box.x1());
        int boxTop = Math.round(box.y1());
        int top = boxTop - labelHeight >= 0 ? boxTop - labelHeight : boxTop;
        rectangle(image, new Point(left, top), new Point(left + labelWidth - 1, top + labelHeight - 1),
                scalar(background), FILLED, LINE_8, 0);
        BgrColor ink = background.luma() > LIGHT_BACKGROUND_LUMA ? BgrColor.BLACK : BgrColor.WHITE;
        var origin = new Point(left + strokes.labelPadding, top + strokes.labelPadding + textSize.height());
        putText(image, text, origin, FONT_HERSHEY_SIMPLEX, strokes.fontScale, scalar(ink), strokes.text, LINE_AA, false);
    }

    private static Point point(Keypoint keypoint) {
        return new Point(Math.round(keypoint.x()), Math.round(keypoint.y()));
    }

    private static Scalar scalar(BgrColor color) {
        return new Scalar(color.blue(), color.green(), color.red(), 0);
    }

    /** Line widths and text size for one frame size. */
    private static final class Strokes {
        final int trackBox;
        final int detectionBox;
        final int limb;
        final int keypointRadius;
        final double fontScale;
        final int text;
        final int labelPadding;

        Strokes(double scale) {
            trackBox = scaled(TRACK_BOX_THICKNESS, scale);
            detectionBox = scaled(DETECTION_BOX_THICKNESS, scale);
            limb = scaled(LIMB_THICKNESS, scale);
            keypointRadius = scaled(KEYPOINT_RADIUS, scale);
            fontScale = FONT_SCALE * scale;
            text = scaled(TEXT_THICKNESS, scale);
            labelPadding = scaled(LABEL_PADDING, scale);
        }

        private static int scaled(int base, double scale) {
            return (int) Math.round(base * scale);
        }
    }
}
