package io.stride.annotation;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import io.stride.annotation.draw.ResultPainter;
import io.stride.annotation.live.LiveOutputs;
import io.stride.annotation.output.H264Settings;
import io.stride.annotation.output.ResultWriters;
import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.StageOptions;
import io.stride.core.frame.TrackedObject;
import io.stride.core.image.JpegCodec;
import io.stride.core.result.ResultFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/** The tasks, processors and checks that the processor's tests on a real broker share. */
final class ProcessorFixtures {

    static final int WIDTH = 320;
    static final int HEIGHT = 240;
    static final double FPS = 25;
    static final long FRAME_MICROS = 40_000;
    static final ResultPainter PAINTER = new ResultPainter(0.3f, Set.of(0));
    static final H264Settings H264 = new H264Settings("veryfast", 23, 1.0);
    static final Duration ABANDON_AFTER = Duration.ofMinutes(10);
    /** Frames per {@code process} call, as the stage runner hands over a poll. */
    static final int BATCH = 8;
    private static final int JPEG_QUALITY = 95;

    private ProcessorFixtures() {
    }

    /** A processor writing to {@code results} that reads a task's earlier frames back from {@code broker}. */
    static AnnotationProcessor newProcessor(Path results, int segmentFrames, AnnotationBroker broker) {
        var writers = new ResultWriters(new ResultFiles(results), H264, segmentFrames);
        return new AnnotationProcessor(writers, PAINTER, broker.events(), broker.earlierFrames(), LiveOutputs.NONE,
                ABANDON_AFTER, Clock.systemUTC());
    }

    /** Frames 0 to {@code count - 1} and the end-of-stream, every record carrying the task's {@code options}. */
    static List<FrameRecord> task(String taskId, int count, IntFunction<FrameRecord> frame, StageOptions options) {
        List<FrameRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(frame.apply(i).withOptions(options));
        }
        records.add(FrameRecord.endOfStream(taskId, count, FPS, WIDTH, HEIGHT).withOptions(options));
        return records;
    }

    /** A frame of one flat grey {@code shade} with {@code tracks}. */
    static FrameRecord greyFrame(String taskId, int index, int shade, List<TrackedObject> tracks) {
        try (Scalar grey = new Scalar(shade, shade, shade, 0); Mat image = new Mat(HEIGHT, WIDTH, CV_8UC3, grey)) {
            return FrameRecord.frame(taskId, index, index * FRAME_MICROS, FPS, WIDTH, HEIGHT,
                            JpegCodec.encode(image, JPEG_QUALITY))
                    .withTracks(tracks);
        }
    }

    static void feed(AnnotationProcessor processor, List<FrameRecord> records) throws Exception {
        for (int from = 0; from < records.size(); from += BATCH) {
            processor.process(records.subList(from, Math.min(records.size(), from + BATCH)));
        }
    }

    static List<Path> listFiles(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    /** Over the pixels of the rectangle (x1, y1) to (x2, y2), exclusive, and every channel. */
    static double meanAbsoluteDifference(Mat a, Mat b, int x1, int y1, int x2, int y2) {
        long sum = 0;
        int n = 0;
        for (int y = y1; y < y2; y++) {
            for (int x = x1; x < x2; x++) {
                BytePointer pa = a.ptr(y, x);
                BytePointer pb = b.ptr(y, x);
                for (int c = 0; c < a.channels(); c++) {
                    sum += Math.abs((pa.get(c) & 0xff) - (pb.get(c) & 0xff));
                    n++;
                }
            }
        }
        return (double) sum / n;
    }
}
