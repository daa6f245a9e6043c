package io.stride.backend.upload;

import io.stride.backend.BackendProperties;
import io.stride.backend.api.ApiException;
import io.stride.backend.frames.FramePublisher;
import io.stride.backend.frames.VideoInfo;
import io.stride.backend.frames.VideoProbe;
import io.stride.backend.task.TaskRegistry;
import io.stride.backend.topics.TaskTopics;
import io.stride.core.result.StorageProperties;
import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEventPublisher;
import io.stride.core.topic.TopicNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/**
 * Accepts an upload: stores it, checks its content, creates the task's topics, announces the task and
 * starts decoding. Whatever step fails, nothing is left behind: no file, no topic.
 */
@Service
class UploadService {

    private static final Logger log = LoggerFactory.getLogger(UploadService.class);

    private final StorageProperties storage;
    private final TaskTopics topics;
    private final TaskEventPublisher events;
    private final TaskRegistry registry;
    private final FramePublisher frames;
    private final BackendProperties properties;

    UploadService(StorageProperties storage, TaskTopics topics, TaskEventPublisher events, TaskRegistry registry,
                  FramePublisher frames, BackendProperties properties) {
        this.storage = storage;
        this.topics = topics;
        this.events = events;
        this.registry = registry;
        this.frames = frames;
        this.properties = properties;
    }

    UploadResponse accept(MultipartFile file) {
        if (file.isEmpty()) {
            throw ApiException.badRequest("the uploaded file is empty");
        }
        String taskId = TopicNames.newTaskId();
        Path video = storage.upload(taskId);
        boolean started = false;
        MDC.put("task_id", taskId);
        try {
            store(file, video);
            VideoInfo info = probe(video);
            topics.create(taskId);
            try {
                TaskEvent event = TaskEvent.started(taskId, info.estimatedFrames(), displayName(file));
                events.publishAndWait(event);
                registry.apply(event);
            } catch (RuntimeException e) {
                topics.delete(taskId);
                throw e;
            }
            frames.submit(taskId, video, info);
            started = true;
            log.info("Task {}: {} {}x{} at {} fps, about {} frames", taskId, displayName(file), info.width(),
                    info.height(), String.format("%.3f", info.fps()), info.estimatedFrames());
            return new UploadResponse(taskId, "Task started successfully.", properties.streamUrl(taskId));
        } finally {
            if (!started) {
                deleteQuietly(video);
            }
            MDC.remove("task_id");
        }
    }

    private static void store(MultipartFile file, Path video) {
        try {
            Files.createDirectories(video.getParent());
            try (InputStream in = file.getInputStream()) {
                Files.copy(in, video, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ApiException(HttpStatus.INSUFFICIENT_STORAGE, "cannot store the upload: " + e.getMessage());
        }
    }

    private static VideoInfo probe(Path video) {
        try {
            return VideoProbe.probe(video);
        } catch (VideoProbe.UnreadableVideoException e) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage());
        }
    }

    /** The client's file name without any path and without control characters, for display only. */
    static String displayName(MultipartFile file) {
        String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        return name.replaceAll("\\p{Cntrl}", "");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", file, e.getMessage());
        }
    }
}
