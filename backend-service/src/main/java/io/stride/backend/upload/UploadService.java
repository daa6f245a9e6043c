package io.stride.backend.upload;

import io.stride.backend.BackendProperties;
import io.stride.backend.StreamUrls;
import io.stride.backend.api.ApiException;
import io.stride.backend.api.ServiceBusyException;
import io.stride.backend.decode.VideoInfo;
import io.stride.backend.options.InvalidTaskOptions;
import io.stride.backend.options.TaskOptions;
import io.stride.backend.options.TaskOptionsJson;
import io.stride.backend.decode.VideoProbe;
import io.stride.backend.health.KafkaHealthIndicator;
import io.stride.backend.lifecycle.Admitted;
import io.stride.backend.lifecycle.TaskAdmission;
import io.stride.backend.webhook.WebhookTargets;
import io.stride.core.result.StorageProperties;
import io.stride.core.topic.TopicNames;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * Accepts an upload: streams it to the jobs volume under the task id (the client's name never reaches the file
 * system), checks its content and how much video it holds, then starts or queues the task. Whatever step fails,
 * nothing is left behind: no file, no topic.
 *
 * <p>What can be refused without the body is refused before a byte of it is read, so a refused client sends no
 * more than its headers (with {@code Expect: 100-continue}, as curl sends for large files) and nothing is stored:
 * a body over the size limit by its {@code Content-Length} (413), more uploads at once than
 * {@code stride.upload.max-concurrent}, the broker away, the task queue full (503 with {@code Retry-After} each).
 * An upload that meets the broker failing during admission gets a 503 too, once admission gives up
 * ({@code stride.backend.broker-timeout} a step).
 */
@Service
public class UploadService {

    private static final Logger log = LoggerFactory.getLogger(UploadService.class);

    private final StorageProperties storage;
    private final TaskAdmission admission;
    private final StreamUrls streamUrls;
    private final VideoLimits limits;
    private final UploadBody.SizeLimits sizes;
    private final UploadSlots slots;
    private final KafkaHealthIndicator kafka;
    private final Duration brokerRetryAfter;
    private final int maxOptionsBytes;
    private final WebhookTargets webhooks;

    UploadService(StorageProperties storage, TaskAdmission admission, StreamUrls streamUrls,
                  BackendProperties properties, UploadProperties upload, MultipartProperties multipart,
                  UploadSlots slots, KafkaHealthIndicator kafka, WebhookTargets webhooks) {
        this.storage = storage;
        this.admission = admission;
        this.streamUrls = streamUrls;
        this.limits = VideoLimits.of(properties, upload);
        this.sizes = new UploadBody.SizeLimits(multipart.getMaxFileSize().toBytes(),
                multipart.getMaxRequestSize().toBytes());
        this.slots = slots;
        this.kafka = kafka;
        this.brokerRetryAfter = properties.brokerRetryAfter();
        this.maxOptionsBytes = (int) Math.min(Integer.MAX_VALUE - 1, upload.maxOptionsSize().toBytes());
        this.webhooks = webhooks;
    }

    public UploadResponse accept(HttpServletRequest request) throws MissingServletRequestPartException {
        UploadBody.checkDeclaredLength(request, sizes);
        try (UploadSlots.Slot slot = slots.take()) {
            if (kafka.isAnsweredDown()) {
                throw brokerUnavailable(String.valueOf(kafka.health().getDetails().getOrDefault("error",
                        "no answer")));
            }
            admission.checkRoom();
            return receive(request);
        }
    }

    private UploadResponse receive(HttpServletRequest request) throws MissingServletRequestPartException {
        String taskId = TopicNames.newTaskId();
        Path video = storage.upload(taskId);
        boolean accepted = false;
        MDC.put("task_id", taskId);
        try {
            UploadBody.StoredFile file = UploadBody.storeFile(request, video, sizes, maxOptionsBytes);
            if (file.bytes() == 0) {
                throw ApiException.badRequest("the uploaded file is empty");
            }
            String name = UploadForm.displayName(file.clientName());
            TaskOptions options = file.options() == null ? TaskOptions.NONE : parse(file.options());
            webhooks.requireAllowed(options);
            VideoInfo info = probe(video);
            limits.check(info);
            requireInside(options, info);
            Admitted admitted = admit(taskId, video, info, name, options);
            accepted = true;
            log.info("Task {} {}: {} {} {}x{} (turned {}°) at {} fps, about {} frames, {} bytes", taskId,
                    admitted.isQueued() ? "queued at " + admitted.queuePosition() : "started", name, info.codec(),
                    info.width(), info.height(), info.rotation(), String.format("%.3f", info.fps()),
                    info.estimatedFrames(), file.bytes());
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

    private static TaskOptions parse(String options) {
        try {
            return TaskOptionsJson.parse(options);
        } catch (InvalidTaskOptions e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static void requireInside(TaskOptions options, VideoInfo info) {
        try {
            options.requireInside(info.width(), info.height());
        } catch (InvalidTaskOptions e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private Admitted admit(String taskId, Path video, VideoInfo info, String name, TaskOptions options) {
        try {
            return admission.admit(taskId, video, info, name, options);
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
