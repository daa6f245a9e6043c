package io.stride.backend.decode;

import com.sun.management.OperatingSystemMXBean;
import io.stride.core.image.JpegCodec;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * What the backend spends per frame to decode a clip, convert it to BGR and encode the JPEG carried on
 * {@code raw_frames}: the decoder's own steps ({@link BgrPictures}, {@link JpegCodec}) without Kafka. Not a test
 * (surefire runs {@code *Test} classes only); docs/performance.md says how to run it and what it measured.
 *
 * <p>Each round decodes the whole clip. Wall time is taken per step on this thread; the process's CPU time covers
 * FFmpeg's decoding threads too. The medians over the rounds are printed, so that the shared machine's load moves
 * them less than any one round.
 */
public final class DecodeCostProbe {

    private static final int QUALITY = JpegCodec.DEFAULT_FRAME_QUALITY;

    private DecodeCostProbe() {
    }

    /** Arguments: the clip, then the number of rounds (default 5). */
    public static void main(String[] args) throws Exception {
        Path clip = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        round(clip, os); // warm-up: JIT, native libraries, file cache
        List<double[]> results = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            double[] result = round(clip, os);
            results.add(result);
            System.out.printf("round %d: decode %.2f, convert %.2f, encode %.2f ms wall; process CPU %.2f ms/frame%n",
                    i + 1, result[0], result[1], result[2], result[3]);
        }
        System.out.printf("median of %d rounds, %s: decode %.2f, convert %.2f, encode %.2f ms wall; "
                        + "process CPU %.2f ms/frame%n", rounds, clip.getFileName(), median(results, 0),
                median(results, 1), median(results, 2), median(results, 3));
    }

    /** Per frame: decode, convert and encode wall ms, and the process's CPU ms. */
    private static double[] round(Path clip, OperatingSystemMXBean os) throws Exception {
        long decode = 0;
        long convert = 0;
        long encode = 0;
        long frames = 0;
        long cpuStart = os.getProcessCpuTime();
        try (var grabber = AcceptedFormats.grabber(clip); var pictures = new BgrPictures()) {
            grabber.setImageMode(FrameGrabber.ImageMode.RAW);
            grabber.start();
            while (true) {
                long t0 = System.nanoTime();
                Frame frame = grabber.grabImage();
                long t1 = System.nanoTime();
                if (frame == null) {
                    break;
                }
                AVFrame picture = (AVFrame) frame.opaque;
                Mat bgr = pictures.convert(picture, picture.width(), picture.height());
                long t2 = System.nanoTime();
                JpegCodec.encode(bgr, QUALITY);
                long t3 = System.nanoTime();
                decode += t1 - t0;
                convert += t2 - t1;
                encode += t3 - t2;
                frames++;
            }
        }
        double cpu = (os.getProcessCpuTime() - cpuStart) / 1e6;
        return new double[] {decode / 1e6 / frames, convert / 1e6 / frames, encode / 1e6 / frames, cpu / frames};
    }

    private static double median(List<double[]> results, int column) {
        double[] values = results.stream().mapToDouble(r -> r[column]).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
