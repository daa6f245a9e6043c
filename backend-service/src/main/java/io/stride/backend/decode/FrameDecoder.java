package io.stride.backend.decode;

import io.stride.backend.BackendProperties;
import io.stride.backend.task.TaskRegistry;
import io.stride.backend.upload.UploadProperties;
import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.StageOptions;
import io.stride.core.image.JpegCodec;
import io.stride.core.kafka.KafkaClients;
import io.stride.core.kafka.KafkaSettings;
import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEventPublisher;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.Producer;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Decodes an upload and publishes every frame, in order and upright, as JPEG to the task's {@code raw_frames}
 * topic, then the end-of-stream record, within its {@link DecodeWindow} of the annotated frames. When the container
 * declared more than could be decoded, the {@code DECODED} event says so ({@link InputCompleteness}); so it does
 * when the picture size changed mid-stream, where later frames are scaled to the first one's size
 * ({@link PictureSizes}). FFmpeg decodes no picture larger than the frame-size limit allows, and a video with more
 * frames than {@code stride.upload.max-frames} fails its task when it gets there, whatever its container declared.
 *
 * <p>Each task decodes on a thread of its own: how many run at once is bounded by the admission rule
 * ({@code stride.backend.max-tasks-in-flight}), not here. A shutdown stops decoding without failing the task;
 * the next backend process resumes it after the last frame on the topic (decoding is deterministic, so frame
 * {@code n} is the same picture again).
 */
@Component
public class FrameDecoder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FrameDecoder.class);
    private static final long SHUTDOWN_GRACE_SECONDS = 10;
    /** Frames between two local notes of how far decoding got (what the stall watchdog compares YOLOX with). */
    private static final int PUBLISHED_REPORT_INTERVAL = 30;

    private final Set<String> decoding = ConcurrentHashMap.newKeySet();

    private final ExecutorService decoders;
    private final Producer<String, byte[]> producer;
    private final TaskRegistry registry;
    private final TaskEventPublisher events;
    private final BackendProperties properties;
    private final DecodeWindow window;
    private final long maxFrames;
    /** Set when the backend shuts down: what its interrupt breaks is resumed by the next start, not failed. */
    private volatile boolean closing;

    FrameDecoder(KafkaClients kafka, TaskRegistry registry, TaskEventPublisher events, BackendProperties properties,
                 DecodeWindow window, UploadProperties upload) {
        this.decoders = Executors.newCachedThreadPool(runnable -> {
            var thread = new Thread(runnable, "decoder");
            thread.setDaemon(true);
            return thread;
        });
        this.producer = kafka.frameProducer();
        this.registry = registry;
        this.events = events;
        this.properties = properties;
        this.window = window;
        this.maxFrames = upload.maxFrames();
    }

    /** Starts decoding in the background; every record carries {@code options}. */
    public void submit(String taskId, Path video, VideoInfo info, StageOptions options) {
        resume(taskId, video, info, 0, options);
    }

    /**
     * Decodes in the background and publishes the frames from {@code firstIndex} on: those before it are on the
     * topic already, published by a backend process that stopped.
     */
    public void resume(String taskId, Path video, VideoInfo info, long firstIndex, StageOptions options) {
        decoding.add(taskId);
        decoders.submit(() -> {
            MDC.put("task_id", taskId);
            try {
                DecodedVideo decoded = publish(taskId, video, info, firstIndex, options);
                String warning = Stream.of(InputCompleteness.warning(decoded.frames(), decoded.micros(info.fps()),
                                info.estimatedFrames(), info.durationMicros()), decoded.sizeWarning())
                        .flatMap(Optional::stream).collect(Collectors.joining("; "));
                events.publishAndWait(TaskEvent.decoded(taskId, decoded.frames(), warning));
                log.info("Task {}: published {} frames{}", taskId, decoded.frames(),
                        warning.isEmpty() ? "" : "; " + warning);
            } catch (InterruptedException e) {
                log.info("Task {}: decoding stopped by the shutdown; the next start resumes it", taskId);
            } catch (Exception e) {
                if (closing) {
                    // The shutdown's interrupt, met inside Kafka's client or the event publisher: not the task's fault.
                    log.info("Task {}: decoding stopped by the shutdown; the next start resumes it", taskId);
                } else {
                    fail(taskId, "decoding failed: " + e.getMessage());
                }
            } finally {
                decoding.remove(taskId);
                MDC.remove("task_id");
            }
        });
    }

    /** Whether this backend is decoding the task now; false for tasks a previous backend process was decoding. */
    public boolean isDecoding(String taskId) {
        return decoding.contains(taskId);
    }

    private void fail(String taskId, String reason) {
        log.warn("Task {}: {}", taskId, reason);
        try {
            events.publishAndWait(TaskEvent.failed(taskId, "backend", reason));
        } catch (RuntimeException e) {
            log.error("Task {}: could not report its failure: {}", taskId, e.toString());
        }
    }

    /**
     * What the decoder saw of the whole video: its frames, the first and last frame's time, and whether the picture
     * size changed.
     */
    private record DecodedVideo(long frames, long firstMicros, long lastMicros, Optional<String> sizeWarning) {

        /** From the first frame's start to the last one's end. */
        long micros(double fps) {
            return lastMicros - firstMicros + Math.round(1e6 / fps);
        }
    }

    private DecodedVideo publish(String taskId, Path video, VideoInfo info, long firstIndex, StageOptions options)
            throws Exception {
        var publisher = new RawFramesPublisher(producer, taskId, options);
        if (firstIndex > 0) {
            registry.apply(TaskEvent.progress(taskId, TaskRegistry.DECODER, firstIndex));
        }
        long index = 0;
        long firstMicros = 0;
        long lastMicros = 0;
        var sizes = new PictureSizes();
        try (var grabber = AcceptedFormats.grabber(video); var pictures = new BgrPictures()) {
            grabber.setVideoOption("max_pixels", String.valueOf(properties.maxDecodedPixels()));
            grabber.setImageMode(FrameGrabber.ImageMode.RAW); // the decoded picture itself, for BgrPictures
            grabber.start();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                if (index >= maxFrames) {
                    throw new IllegalStateException("frame count exceeds the limit of " + maxFrames + " frames");
                }
                AVFrame picture = (AVFrame) frame.opaque;
                sizes.note(index, picture.width(), picture.height());
                if (frame.timestamp > TimeUnit.NANOSECONDS.toMicros(properties.maxDuration().toNanos())) {
                    throw new IllegalStateException("the video is longer than the longest accepted, "
                            + properties.maxDuration().toSeconds() + " s");
                }
                firstMicros = index == 0 ? frame.timestamp : firstMicros;
                lastMicros = frame.timestamp;
                if (index >= firstIndex) {
                    if (!window.awaitRoomFor(taskId, index)) {
                        throw new IllegalStateException("the task ended while frame " + index + " was being decoded");
                    }
                    Mat bgr = pictures.convert(picture, sizes.width(), sizes.height());
                    publisher.publish(frameRecord(taskId, index, frame.timestamp, bgr, info));
                }
                index++;
                if (index > firstIndex && index % PUBLISHED_REPORT_INTERVAL == 0) {
                    registry.apply(TaskEvent.progress(taskId, TaskRegistry.DECODER, index));
                }
            }
        }
        if (index == 0) {
            throw new IllegalStateException("the video has no decodable frames");
        }
        publisher.end(index, info.fps(), info.width(), info.height());
        return new DecodedVideo(index, firstMicros, lastMicros, sizes.warning(info.rotation()));
    }

    private FrameRecord frameRecord(String taskId, long index, long ptsMicros, Mat decoded, VideoInfo info) {
        Mat image = FrameRotation.upright(decoded, info.rotation());
        try {
            byte[] jpeg = JpegCodec.encode(image, properties.jpegQuality());
            return FrameRecord.frame(taskId, index, ptsMicros, info.fps(), image.cols(), image.rows(), jpeg);
        } finally {
            if (image != decoded) {
                image.close(); // a turned copy: native memory, freed now rather than at some garbage collection
            }
        }
    }

    private boolean waitForPipeline(String taskId, long index) throws InterruptedException {
        long needed = index - properties.maxFramesAhead() + 1;
        if (registry.isEnded(taskId)) {
            return false; // cancelled by a user: its topics are being deleted
        }
        return needed <= 0 || registry.awaitAnnotated(taskId, needed);
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        decoders.shutdownNow();
        decoders.awaitTermination(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
        producer.close(KafkaSettings.PRODUCER_CLOSE_TIMEOUT);
    }
}
