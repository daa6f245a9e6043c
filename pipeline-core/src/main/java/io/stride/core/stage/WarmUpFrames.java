package io.stride.core.stage;

import io.stride.core.frame.FrameRecord;
import io.stride.core.image.JpegCodec;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Synthetic frames for a processor's {@link StageProcessor#warmUp() warm-up}: a grey picture with a lighter
 * block, as JPEG records of a task no one else knows, in the size an upload typically has.
 */
public final class WarmUpFrames {

    /** The task the frames belong to: the nil UUID, which a random task id never is. */
    public static final String TASK_ID = "00000000-0000-0000-0000-000000000000";
    public static final int WIDTH = 1280;
    public static final int HEIGHT = 720;
    public static final double FPS = 25;

    private WarmUpFrames() {
    }

    /** {@code count} frames, numbered from 0, each with the block a little further right. */
    public static List<FrameRecord> of(int count) {
        List<FrameRecord> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            try (Mat picture = new Mat(HEIGHT, WIDTH, opencv_core.CV_8UC3,
                    new Scalar(96, 96, 96, 0))) {
                int left = WIDTH / 4 + 8 * i;
                opencv_imgproc.rectangle(picture, new Point(left, HEIGHT / 4),
                        new Point(left + WIDTH / 8, HEIGHT * 3 / 4), new Scalar(200, 180, 160, 0),
                        opencv_imgproc.FILLED, opencv_imgproc.LINE_8, 0);
                long pts = Math.round(i * 1_000_000 / FPS);
                frames.add(FrameRecord.frame(TASK_ID, i, pts, FPS, WIDTH, HEIGHT,
                        JpegCodec.encode(picture, JpegCodec.DEFAULT_FRAME_QUALITY)));
            }
        }
        return frames;
    }
}
