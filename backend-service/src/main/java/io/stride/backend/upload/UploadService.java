package io.stride.backend.upload;

import io.stride.backend.BackendProperties;
import io.stride.backend.StreamUrls;
import io.stride.backend.lifecycle.Admitted;
import io.stride.backend.lifecycle.TaskAdmission;
import io.stride.backend.api.ApiException;
import io.stride.backend.api.ServiceBusyException;
import io.stride.backend.health.KafkaHealthIndicator;
import io.stride.backend.decode.VideoInfo;
import io.stride.backend.decode.VideoProbe;
import io.stride.core.result.StorageProperties;
import io.stride.core.topic.TopicNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/**
 * Accepts an upload: stores it under the task id (the client's name never reaches the file system), checks its
 * content and size, then starts or queues the task. Whatever step fails, nothing is left behind: no file, no topic.
 * While the health check finds the broker away an upload is refused at once with 503 and {@code Retry-After},
 * before anything is stored; one that meets the broker failing during admission gets the same answer once
 * admission gives up ({@code stride.backend.broker-timeout} a step).
 */
@Service
class UploadService {

    private static final Logger log = LoggerFactory.getLogger(UploadService.class);

    private final StorageProperties storage;
    private final TaskAdmission admission;
    private final StreamUrls streamUrls;
    private final VideoLimits limits;
    private final KafkaHealthIndicator kafka;
    private final Duration brokerRetryAfter;

    UploadService(StorageProperties storage, TaskAdmission admission, StreamUrls streamUrls,
                  BackendProperties properties, KafkaHealthIndicator kafka) {
        this.storage = storage;
        this.admission = admission;
        this.streamUrls = streamUrls;
        this.limits = VideoLimits.of(properties);
        this.kafka = kafka;
        this.brokerRetryAfter = properties.brokerRetryAfter();
    }

    UploadResponse accept(MultipartFile file) {
        if (file.isEmpty()) {
            throw ApiException.badRequest("the uploaded file is empty");
        }
        if (kafka.isAnsweredDown()) {
            throw brokerUnavailable(String.valueOf(kafka.health().getDetails().getOrDefault("error", "no answer")));
        }
        String taskId = TopicNames.newTaskId();
        String name = UploadForm.displayName(file.getOriginalFilename());
        Path video = storage.upload(taskId);
        boolean accepted = false;
        MDC.put("task_id", taskId);
        try {
            store(file, video);
            VideoInfo info = probe(video);
            limits.check(info);
            Admitted admitted = admit(taskId, video, info, name);
            accepted = true;
            log.info("Task {} {}: {} {} {}x{} (turned {}°) at {} fps, about {} frames", taskId,
                    admitted.isQueued() ? "queued at " + admitted.queuePosition() : "started", name, info.codec(),
                    info.width(), info.height(), info.rotation(), String.format("%.3f", info.fps()),
                    info.estimatedFrames());
            String streamUrl = streamUrls.of(taskId);
            return admitted.isQueued()
                    ? UploadResponse.queued(taskId, streamUrl, admitted.queuePosition())
                    : UploadResponse.started(taskId, streamUrl);
        } finally {
            if (!accepted) {
                deleteQuietly(video);
            }
            MDC.remove("task_id");
        }
    }

    private Admitted admit(String taskId, Path video, VideoInfo info, String name) {
        try {
            return admission.admit(taskId, video, info, name);
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn("Task {}: refused, the broker failed during admission: {}", taskId, e.toString());
            throw brokerUnavailable(e.getMessage());
        }
    }

    private ServiceBusyException brokerUnavailable(String cause) {
        return new ServiceBusyException("Kafka, the message broker, is unreachable (" + cause
                + "); nothing was stored, try again later", brokerRetryAfter);
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

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", file, e.getMessage());
        }
    }
}
