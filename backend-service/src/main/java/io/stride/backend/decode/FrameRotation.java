package io.stride.backend.decode;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Turns decoded frames upright, as a player shows them. FFmpeg's display matrix gives the angle by which the
 * picture is to be turned counter-clockwise ({@code av_display_rotation_get}); phones record portrait video
 * as landscape frames with such a matrix.
 */
public final class FrameRotation {

    private static final int RIGHT_ANGLE = 90;
    private static final int FULL_TURN = 360;

    private FrameRotation() {
    }

    /**
     * The clockwise quarter turns, in degrees (0, 90, 180 or 270), for FFmpeg's counter-clockwise display angle;
     * an angle between quarter turns is rounded to the nearest, as FFmpeg's own player does.
     */
    public static int clockwiseDegrees(double displayMatrixCounterClockwise) {
        if (Double.isNaN(displayMatrixCounterClockwise)) {
            return 0; // a singular matrix says nothing usable
        }
        long quarterTurns = Math.round(-displayMatrixCounterClockwise / RIGHT_ANGLE);
        return (int) Math.floorMod(quarterTurns * RIGHT_ANGLE, FULL_TURN);
    }

    /** Whether the rotation swaps width and height. */
    public static boolean swapsSides(int clockwiseDegrees) {
        return clockwiseDegrees == RIGHT_ANGLE || clockwiseDegrees == FULL_TURN - RIGHT_ANGLE;
    }

    /** The frame turned clockwise by {@code clockwiseDegrees}; the frame itself when that is 0. */
    public static Mat upright(Mat frame, int clockwiseDegrees) {
        int code = switch (clockwiseDegrees) {
            case 0 -> -1;
            case RIGHT_ANGLE -> opencv_core.ROTATE_90_CLOCKWISE;
            case 2 * RIGHT_ANGLE -> opencv_core.ROTATE_180;
            case 3 * RIGHT_ANGLE -> opencv_core.ROTATE_90_COUNTERCLOCKWISE;
            default -> throw new IllegalArgumentException("not a quarter turn: " + clockwiseDegrees);
        };
        if (code < 0) {
            return frame;
        }
        Mat turned = new Mat();
        opencv_core.rotate(frame, turned, code);
        return turned;
    }
}
