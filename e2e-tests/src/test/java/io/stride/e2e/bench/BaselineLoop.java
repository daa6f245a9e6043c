package io.stride.e2e.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stride.annotation.output.H264Mp4Writer;
import io.stride.core.frame.Detection;
import io.stride.core.frame.FrameRecord;
import io.stride.core.stage.StageMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The line the fleet is held against: the same models and settings in one plain loop on one thread, with no
 * JPEG, no Kafka and no process boundaries: FFmpeg decode → YOLOX → ByteTrack → (RTMPose) → draw → libx264 MP4.
 * Timed from opening the clip to the finished MP4, like the fleet from upload to {@code completed}; the models
 * are loaded before the clock starts, as the fleet's are.
 *
 * @param frames     frames processed
 * @param seconds    wall time
 * @param cpuSeconds CPU time of this JVM over the loop (FFmpeg's and x264's own threads included)
 */
record BaselineLoop(int frames, double seconds, double cpuSeconds) {

    private static final double NANOS_PER_SECOND = 1e9;

    static BaselineLoop run(Path clip, ServiceSettings settings, Path output) throws Exception {
        try (PipelineParts parts = PipelineParts.create(settings,
                new StageMetrics(new SimpleMeterRegistry(), "baseline"))) {
            String taskId = UUID.randomUUID().toString();
            double cpuBefore = ProcessCpu.ofThisJvm();
            long start = System.nanoTime();
            int frames = 0;
            try (var grabber = new FFmpegFrameGrabber(clip.toFile());
                 var converter = new OpenCVFrameConverter.ToMat()) {
                grabber.start();
                double fps = grabber.getFrameRate();
                try (H264Mp4Writer writer = H264Mp4Writer.open(output, grabber.getImageWidth(),
                        grabber.getImageHeight(), fps, settings.annotation().encoder())) {
                    Frame decoded;
                    while ((decoded = grabber.grabImage()) != null) {
                        Mat image = converter.convert(decoded);
                        List<Detection> found = parts.detector().detect(List.of(image)).get(0);
                        FrameRecord frame = FrameRecord.frame(taskId, frames, decoded.timestamp, fps, image.cols(),
                                image.rows(), new byte[0]).withDetections(found);
                        FrameRecord complete = parts.estimatePoses(parts.track(frame), image);
                        parts.painter().paint(image, complete);
                        writer.write(image);
                        frames++;
                    }
                    writer.finish();
                }
            }
            double seconds = (System.nanoTime() - start) / NANOS_PER_SECOND;
            double cpuSeconds = ProcessCpu.ofThisJvm() - cpuBefore;
            parts.endTask(taskId);
            return new BaselineLoop(frames, seconds, cpuSeconds);
        }
    }

    double fps() {
        return frames / seconds;
    }
}
