package io.stride.yolox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/** Decodes chosen frames of a real video into BGR images the caller closes. */
public final class VideoFrames {

    private VideoFrames() {
    }

    /** The frames at these 0-based indexes, in increasing index order. */
    public static List<Mat> read(Path video, int... indexes) throws Exception {
        int[] wanted = indexes.clone();
        Arrays.sort(wanted);
        List<Mat> frames = new ArrayList<>(wanted.length);
        try (var grabber = new FFmpegFrameGrabber(video.toFile());
             var converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            int next = 0;
            for (int index = 0; next < wanted.length; index++) {
                Frame frame = grabber.grabImage();
                if (frame == null) {
                    throw new IllegalArgumentException(video + " has no frame " + wanted[next]);
                }
                if (index == wanted[next]) {
                    // the grabber reuses the frame's memory: keep a copy
                    frames.add(converter.convert(frame).clone());
                    next++;
                }
            }
            grabber.stop();
        }
        return frames;
    }
}
