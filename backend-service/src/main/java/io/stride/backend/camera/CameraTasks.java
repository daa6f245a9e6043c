package io.stride.backend.camera;

import io.stride.backend.BackendProperties;
import io.stride.backend.StreamUrls;
import io.stride.backend.api.ApiException;
import io.stride.backend.api.ServiceBusyException;
import io.stride.backend.lifecycle.TaskAdmission;
import io.stride.backend.options.InvalidTaskOptions;
import io.stride.backend.options.TaskOptions;
import io.stride.backend.options.TaskOptionsJson;
import io.stride.backend.webhook.WebhookTargets;
import io.stride.backend.task.CameraSource;
import io.stride.backend.task.SourceView;
import io.stride.core.topic.TopicNames;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts camera tasks ({@code POST /streams}): checks the request, takes a slot of the admission rule (a camera is
 * never queued) and starts the ingest.
 */
@Service
public class CameraTasks {

    private static final Logger log = LoggerFactory.getLogger(CameraTasks.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String URL = "url";
    private static final String NAME = "name";
    private static final String OPTIONS = "options";
    private static final Set<String> KEYS = Set.of(URL, NAME, OPTIONS);

    private final TaskAdmission admission;
    private final StreamUrls streamUrls;
    private final CameraProperties properties;
    private final Duration brokerRetryAfter;
    private final WebhookTargets webhooks;

    CameraTasks(TaskAdmission admission, StreamUrls streamUrls, CameraProperties properties,
                BackendProperties backend, WebhookTargets webhooks) {
        this.admission = admission;
        this.webhooks = webhooks;
        this.streamUrls = streamUrls;
        this.properties = properties;
        this.brokerRetryAfter = backend.brokerRetryAfter();
    }

    /**
     * @param body the request's JSON: {@code {"url": …, "name": …, "options": {…}}}
     * @throws ApiException 400 for a bad request, 503 when no slot is free or Kafka is away
     */
    public StreamResponse start(String body) {
        JsonNode request = read(body);
        SourceUrl url = url(request.get(URL));
        String name = name(request.get(NAME));
        TaskOptions options = options(request.get(OPTIONS));
        String taskId = TopicNames.newTaskId();
        MDC.put("task_id", taskId);
        try {
            admit(taskId, new CameraSource(url.real(), name), name.isEmpty() ? url.masked() : name, options);
            log.info("Task {} started: camera {} at {}", taskId, name, url.masked());
            return new StreamResponse(taskId, streamUrls.of(taskId), CameraStatuses.CONNECTING,
                    new SourceView(url.masked(), name));
        } finally {
            MDC.remove("task_id");
        }
    }

    private void admit(String taskId, CameraSource source, String displayName, TaskOptions options) {
        try {
            admission.admitCamera(taskId, source, displayName, options);
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn("Task {}: cannot start the camera task: {}", taskId, e.toString());
            throw new ServiceBusyException("Kafka, the message broker, is unreachable (" + e.getMessage()
                    + "); nothing was started, try again later", brokerRetryAfter);
        }
    }

    private static JsonNode read(String body) {
        JsonNode request;
        try {
            request = JSON.readTree(body == null ? "" : body);
        } catch (JacksonException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (request == null || !request.isObject()) {
            throw ApiException.badRequest("expected a JSON object {\"url\": \"rtsp://…\", \"name\": …, "
                    + "\"options\": {…}}");
        }
        for (String key : request.propertyNames()) {
            if (!KEYS.contains(key)) {
                throw ApiException.badRequest(key + ": unknown field (expected url, name, options)");
            }
        }
        return request;
    }

    private static SourceUrl url(JsonNode url) {
        if (url == null || !url.isString()) {
            throw ApiException.badRequest("url: expected a string, rtsp://, rtsps://, http:// or https://");
        }
        try {
            return SourceUrl.parse(url.asString());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private String name(JsonNode name) {
        if (name == null || name.isNull()) {
            return "";
        }
        if (!name.isString()) {
            throw ApiException.badRequest("name: expected a string");
        }
        String value = name.asString().strip();
        if (value.length() > properties.maxNameLength()) {
            throw ApiException.badRequest("name: longer than " + properties.maxNameLength() + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("name: must not contain control characters");
        }
        return value;
    }

    private TaskOptions options(JsonNode options) {
        if (options == null || options.isNull()) {
            return TaskOptions.NONE;
        }
        TaskOptions parsed;
        try {
            parsed = TaskOptionsJson.parse(options.toString());
        } catch (InvalidTaskOptions e) {
            throw ApiException.badRequest(e.getMessage());
        }
        webhooks.requireAllowed(parsed);
        return parsed;
    }
}
