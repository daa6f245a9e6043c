package io.stride.e2e.fault;

import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

/**
 * A frame's index written into its pixels, so that the frames of a result MP4 can be told apart: which source
 * frame each one is, not only how many there are. A strip of block pairs in the bottom-left corner, one pair per
 * bit plus a parity pair; a pair is white-black for 1 and black-white for 0. Reading compares the two blocks of a
 * pair, which survives JPEG and H.264 and the thin boxes, skeletons and keypoints the annotation stage draws over
 * a block; a pair whose blocks are not clearly different makes the stamp unreadable rather than misread. The
 * camera test and the camera overload harness stamp their sources with it too.
 */
public final class FrameIndexStamp {

    /** Frames 0..1023; the fault tests' clips have a few hundred. */
    static final int BITS = 13;
    public static final int MAX_INDEX = (1 << BITS) - 1;
    /** Returned for a frame whose stamp cannot be read. */
    public static final int UNREADABLE = -1;

    private static final int BLOCK = 16;
    private static final int MARGIN = 8;
    /** Only a block's middle is read: the codecs blur its edges into the neighbour's. */
    private static final int INSET = 4;
    /** Least brightness difference (0–255) between a pair's blocks for the bit to count as read. */
    private static final double MIN_CONTRAST = 60;
    private static final Scalar WHITE = new Scalar(255, 255, 255, 0);
    private static final Scalar BLACK = new Scalar(0, 0, 0, 0);

    private FrameIndexStamp() {
    }

    /** Width and height a frame needs at least for the stamp. */
    static int minWidth() {
        return MARGIN + 2 * BLOCK * (BITS + 1);
    }

    static int minHeight() {
        return MARGIN + BLOCK;
    }

    /** Draws {@code index} into a BGR image. */
    public static void write(Mat bgr, int index) {
        if (index < 0 || index > MAX_INDEX) {
            throw new IllegalArgumentException("frame index " + index + " outside 0.." + MAX_INDEX);
        }
        if (bgr.cols() < minWidth() || bgr.rows() < minHeight()) {
            throw new IllegalArgumentException("a stamp needs " + minWidth() + "x" + minHeight() + ", the frame is "
                    + bgr.cols() + "x" + bgr.rows());
        }
        boolean[] bits = bitsOf(index);
        for (int i = 0; i < bits.length; i++) {
            fill(bgr, left(i, 0), bits[i] ? WHITE : BLACK);
            fill(bgr, left(i, 1), bits[i] ? BLACK : WHITE);
        }
    }

    /** The index written by {@link #write}, or {@link #UNREADABLE}. */
    public static int read(Mat bgr) {
        if (bgr.cols() < minWidth() || bgr.rows() < minHeight()) {
            return UNREADABLE;
        }
        int index = 0;
        int ones = 0;
        try (UByteIndexer pixels = bgr.createIndexer()) {
            for (int i = 0; i <= BITS; i++) {
                double difference = brightness(pixels, bgr.rows(), left(i, 0)) - brightness(pixels, bgr.rows(), left(i, 1));
                if (Math.abs(difference) < MIN_CONTRAST) {
                    return UNREADABLE;
                }
                boolean one = difference > 0;
                ones += one ? 1 : 0;
                if (i < BITS && one) {
                    index |= 1 << i;
                }
            }
        }
        return ones % 2 == 0 ? index : UNREADABLE;
    }

    /** The index's bits, lowest first, then a parity bit that makes the number of ones even. */
    private static boolean[] bitsOf(int index) {
        boolean[] bits = new boolean[BITS + 1];
        for (int i = 0; i < BITS; i++) {
            bits[i] = (index >> i & 1) == 1;
        }
        bits[BITS] = Integer.bitCount(index) % 2 == 1;
        return bits;
    }

    private static int left(int bit, int half) {
        return MARGIN + (2 * bit + half) * BLOCK;
    }

    private static void fill(Mat bgr, int left, Scalar color) {
        int top = bgr.rows() - MARGIN - BLOCK;
        rectangle(bgr, new Point(left, top), new Point(left + BLOCK - 1, top + BLOCK - 1), color, FILLED, LINE_8, 0);
    }

    private static double brightness(UByteIndexer pixels, int rows, int left) {
        int top = rows - MARGIN - BLOCK;
        long sum = 0;
        int count = 0;
        for (int y = top + INSET; y < top + BLOCK - INSET; y++) {
            for (int x = left + INSET; x < left + BLOCK - INSET; x++) {
                for (int c = 0; c < 3; c++) {
                    sum += pixels.get(y, x, c);
                    count++;
                }
            }
        }
        return (double) sum / count;
    }
}
