package io.stride.backend.lifecycle;

import io.stride.backend.camera.CameraIngests;
import io.stride.backend.decode.FrameDecoder;
import io.stride.backend.decode.PublishedFrames;
import io.stride.backend.decode.RawFramesTail;
import io.stride.backend.decode.VideoInfo;
import io.stride.backend.options.TaskOptions;
import io.stride.backend.options.TaskOptionsJson;
import io.stride.backend.task.CameraSource;
import io.stride.backend.task.TaskSnapshot;
import io.stride.core.frame.StageOptions;
import io.stride.backend.decode.VideoProbe;
import io.stride.backend.task.TaskRegistry;
import io.stride.backend.topics.TaskTopics;
import io.stride.core.result.StorageProperties;
import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEventPublisher;
import io.stride.core.topic.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * After a restart, takes over each task a previous backend process was decoding: it reads the last frame on the
 * task's {@code raw_frames} topic and decodes the upload again, publishing only the frames after it. When that is
 * impossible (the upload or the topic is gone) the task fails with a reason that says so. A camera task is
 * reconnected to its source, its frame indices going on after the last frame on the topic.
 */
@Component
class InterruptedDecodes {

    private static final Logger log = LoggerFactory.getLogger(InterruptedDecodes.class);
    static final String CAMERA_REASON_PREFIX = "camera stopped: the backend restarted while reading it and ";
    static final String REASON_PREFIX = "decoding stopped: the backend restarted while decoding this task and ";

    private final TaskRegistry registry;
    private final FrameDecoder frames;
    private final RawFramesTail tail;
    private final TaskTopics topics;
    private final StorageProperties storage;
    private final TaskEventPublisher events;
    private final TaskFailure failure;
    private final CameraIngests cameras;

    InterruptedDecodes(TaskRegistry registry, FrameDecoder frames, RawFramesTail tail, TaskTopics topics,
                       StorageProperties storage, TaskEventPublisher events, TaskFailure failure,
                       CameraIngests cameras) {
        this.cameras = cameras;
        this.registry = registry;
        this.frames = frames;
        this.tail = tail;
        this.topics = topics;
        this.storage = storage;
        this.events = events;
        this.failure = failure;
    }

    /** Resumes or fails every running task whose frames are not all published and that nobody here decodes. */
    void takeOver() {
        for (String taskId : registry.running()) {
            if (!registry.isDecoded(taskId) && !frames.isDecoding(taskId) && !cameras.isIngesting(taskId)) {
                MDC.put("task_id", taskId);
                try {
                    takeOver(taskId);
                } finally {
                    MDC.remove("task_id");
                }
            }
        }
    }

    private void takeOver(String taskId) {
        Optional<CameraSource> camera = registry.source(taskId);
        if (camera.isPresent()) {
            reconnect(taskId, camera.get());
            return;
        }
        Path video = storage.upload(taskId);
        if (!Files.isRegularFile(video)) {
            failure.fail(taskId, REASON_PREFIX + "its upload is gone; upload the video again");
            return;
        }
        if (!topics.names().contains(Stage.RAW_FRAMES.topic(taskId))) {
            failure.fail(taskId, REASON_PREFIX + "its frames topic is gone; upload the video again");
            return;
        }
        try {
            PublishedFrames published = tail.read(taskId);
            if (published.isComplete()) {
                // Every frame went out; only the DECODED event was lost with the process.
                events.publishAndWait(TaskEvent.decoded(taskId, published.frameCount()));
                return;
            }
            VideoInfo info = VideoProbe.probe(video);
            registry.markResumed(taskId);
            StageOptions options = registry.snapshot(taskId).map(TaskSnapshot::options).map(TaskOptionsJson::read)
                    .orElse(TaskOptions.NONE).stages();
            frames.resume(taskId, video, info, published.nextIndex(), options);
            log.info("Task {}: resuming decoding at frame {}", taskId, published.nextIndex());
        } catch (RuntimeException e) {
            failure.fail(taskId, REASON_PREFIX + "cannot resume it (" + e.getMessage() + "); upload the video again");
        }
    }

    private void reconnect(String taskId, CameraSource source) {
        if (!topics.names().contains(Stage.RAW_FRAMES.topic(taskId))) {
            failure.fail(taskId, CAMERA_REASON_PREFIX + "its frames topic is gone; start the camera again");
            return;
        }
        try {
            PublishedFrames published = tail.read(taskId);
            if (published.isComplete()) {
                // A user had stopped it and its stream was ended; only the DECODED event was lost with the process.
                events.publishAndWait(TaskEvent.decoded(taskId, published.frameCount()));
                return;
            }
            TaskSnapshot task = registry.snapshot(taskId).orElseThrow();
            registry.markResumed(taskId);
            cameras.start(taskId, source, TaskOptionsJson.read(task.options()).stages(), task.startedAt(),
                    published.nextIndex());
            log.info("Task {}: reconnecting the camera, frames from {} on", taskId, published.nextIndex());
        } catch (RuntimeException e) {
            failure.fail(taskId, CAMERA_REASON_PREFIX + "cannot reconnect it (" + e.getMessage()
                    + "); start the camera again");
        }
    }
}
