package io.stride.backend.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stride.backend.task.TaskRegistry;
import io.stride.backend.webhook.Delivery;
import io.stride.backend.webhook.WebhookDeliveries;
import io.stride.backend.webhook.WebhookUrl;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /tasks/{id}/webhooks}: what was sent to a task's webhook, and how it went. */
@RestController
@Tag(name = "tasks")
class WebhooksController {

    private final TaskRegistry registry;
    private final WebhookDeliveries deliveries;

    WebhooksController(TaskRegistry registry, WebhookDeliveries deliveries) {
        this.registry = registry;
        this.deliveries = deliveries;
    }

    @Operation(summary = "The deliveries to the task's webhook",
            description = "Each event sent or to be sent to the webhook the task was uploaded with, oldest first: "
                    + "the last stride.webhooks.log-size (1000) of the task. The webhook is shown without its path "
                    + "and query, which may hold a credential of the receiver.")
    @ApiResponse(responseCode = "200", description = "the delivery log",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Log.class)))
    @ApiResponse(responseCode = "400", description = "not a task id",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "no such task",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @GetMapping(path = "/tasks/{taskId}/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
    Log webhooks(@Parameter(description = "the task id (a lower-case UUID)") @PathVariable String taskId) {
        ApiException.requireTaskId(taskId);
        if (!registry.isKnown(taskId)) {
            throw ApiException.unknownTask(taskId);
        }
        String webhook = deliveries.webhookOf(taskId).map(WebhookUrl::masked).orElse(null);
        return new Log(webhook, deliveries.dropped(taskId), deliveries.log(taskId));
    }

    /**
     * The answer of {@code GET /tasks/{id}/webhooks}.
     *
     * @param webhook    scheme, host and port of the webhook; absent for a task uploaded without one
     * @param dropped    events not sent because too many of the task's were waiting
     * @param deliveries oldest first
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "A task's webhook deliveries")
    record Log(@Schema(example = "https://hooks.example.org/…") String webhook,
               @Schema(example = "0") long dropped,
               List<Delivery> deliveries) {
    }
}
