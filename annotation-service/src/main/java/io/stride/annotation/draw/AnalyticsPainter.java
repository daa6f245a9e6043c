package io.stride.annotation.draw;

import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.arrowedLine;
import static org.bytedeco.opencv.global.opencv_imgproc.getTextSize;
import static org.bytedeco.opencv.global.opencv_imgproc.line;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import io.stride.core.analytics.AnalysisRequest;
import io.stride.core.analytics.CountingLine;
import io.stride.core.analytics.LineCount;
import io.stride.core.analytics.Zone;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Draws a task's lines and zones with their running counts onto a frame, in place: each line with an arrow from
 * its middle towards its {@code in} side (where {@code sign(cross(b−a, p−a))} is +1) and a tag
 * {@code name  in N / out M} at its start; each zone's outline with a tag {@code name: K}, K the tracks inside in
 * this frame. Outlines, not fills: the people in a zone stay as visible as elsewhere.
 *
 * <p>Sizes are tuned for 720p and grow with larger frames, as {@link ResultPainter}'s do.
 */
public final class AnalyticsPainter {

    /** Amber: lines stand out from the track colours, which are vivid hues at full value. */
    public static final BgrColor LINE_COLOUR = new BgrColor(0, 200, 255);
    /** Light blue, unlike any line. */
    public static final BgrColor ZONE_COLOUR = new BgrColor(255, 200, 60);

    private static final double REFERENCE_SHORT_SIDE = 720.0;
    private static final int LINE_THICKNESS = 2;
    private static final int ARROW_LENGTH = 24;
    /** The arrow's head, as a fraction of its length. */
    private static final double ARROW_TIP = 0.4;
    private static final double FONT_SCALE = 0.5;
    private static final int TEXT_THICKNESS = 1;
    private static final int LABEL_PADDING = 3;
    /** Space between a tag and the point it labels. */
    private static final int LABEL_OFFSET = 4;

    /**
     * @param lineTotals  each line's crossings so far, in the request's order
     * @param occupancies each zone's tracks inside in this frame, in the request's order
     */
    public void paint(Mat image, AnalysisRequest request, List<LineCount.Crossings> lineTotals,
                      List<Integer> occupancies) {
        double scale = Math.max(1.0, Math.min(image.cols(), image.rows()) / REFERENCE_SHORT_SIDE);
        try (PointerScope scope = new PointerScope()) {
            for (int i = 0; i < request.zones().size(); i++) {
                drawZone(image, request.zones().get(i), occupancies.get(i), scale);
            }
            for (int i = 0; i < request.lines().size(); i++) {
                drawLine(image, request.lines().get(i), lineTotals.get(i), scale);
            }
        }
    }

    private static void drawZone(Mat image, Zone zone, int occupancy, double scale) {
        Scalar colour = scalar(ZONE_COLOUR);
        int thickness = scaled(LINE_THICKNESS, scale);
        List<io.stride.core.analytics.Point> polygon = zone.polygon();
        io.stride.core.analytics.Point top = polygon.get(0);
        for (int i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
            line(image, point(polygon.get(j)), point(polygon.get(i)), colour, thickness, LINE_8, 0);
            if (polygon.get(i).y() < top.y()) {
                top = polygon.get(i);
            }
        }
        drawTag(image, zone.name() + ": " + occupancy, point(top), ZONE_COLOUR, scale);
    }

    private static void drawLine(Mat image, CountingLine counted, LineCount.Crossings totals, double scale) {
        Scalar colour = scalar(LINE_COLOUR);
        int thickness = scaled(LINE_THICKNESS, scale);
        line(image, point(counted.from()), point(counted.to()), colour, thickness, LINE_8, 0);
        double dx = counted.to().x() - counted.from().x();
        double dy = counted.to().y() - counted.from().y();
        double length = Math.hypot(dx, dy);
        // (−dy, dx) is where cross(b−a, p−a) > 0: the side a track crosses to when it goes "in".
        double arrow = ARROW_LENGTH * scale;
        double midX = (counted.from().x() + counted.to().x()) / 2;
        double midY = (counted.from().y() + counted.to().y()) / 2;
        arrowedLine(image, new Point((int) Math.round(midX), (int) Math.round(midY)),
                new Point((int) Math.round(midX - dy / length * arrow), (int) Math.round(midY + dx / length * arrow)),
                colour, thickness, LINE_8, 0, ARROW_TIP);
        String text = counted.name() + "  in " + totals.crossedIn() + " / out " + totals.crossedOut();
        drawTag(image, text, point(counted.from()), LINE_COLOUR, scale);
    }

    /** A filled tag just above {@code at}, kept inside the image. */
    private static void drawTag(Mat image, String text, Point at, BgrColor background, double scale) {
        double fontScale = FONT_SCALE * scale;
        int textThickness = scaled(TEXT_THICKNESS, scale);
        int padding = scaled(LABEL_PADDING, scale);
        int[] baseline = new int[1];
        Size textSize = getTextSize(text, FONT_HERSHEY_SIMPLEX, fontScale, textThickness, baseline);
        int width = textSize.width() + 2 * padding;
        int height = textSize.height() + baseline[0] + 2 * padding;
        int left = clamp(at.x(), image.cols() - width);
        int top = clamp(at.y() - scaled(LABEL_OFFSET, scale) - height, image.rows() - height);
        rectangle(image, new Point(left, top), new Point(left + width - 1, top + height - 1), scalar(background),
                FILLED, LINE_8, 0);
        putText(image, text, new Point(left + padding, top + padding + textSize.height()), FONT_HERSHEY_SIMPLEX,
                fontScale, scalar(BgrColor.BLACK), textThickness, LINE_AA, false);
    }

    private static int clamp(int value, int max) {
        return Math.max(0, Math.min(value, max));
    }

    private static Point point(io.stride.core.analytics.Point p) {
        return new Point((int) Math.round(p.x()), (int) Math.round(p.y()));
    }

    private static Scalar scalar(BgrColor colour) {
        return new Scalar(colour.blue(), colour.green(), colour.red(), 0);
    }

    private static int scaled(int base, double scale) {
        return (int) Math.round(base * scale);
    }
}
