package io.stride.backend.api;

import io.stride.backend.tasks.TaskView;
import io.stride.backend.tasks.LiveTaskFeed;
import io.stride.backend.tasks.TaskViews;
import io.stride.backend.api.ApiError;
import io.stride.backend.api.ApiException;
import io.stride.backend.lifecycle.DeletionResult;
import io.stride.backend.lifecycle.TaskDeletion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /tasks}, {@code GET /tasks/{id}}, {@code DELETE /tasks/{id}} and the live-update stream. */
@RestController
@Tag(name = "tasks", description = "Every task, live updates, cancelling and deleting")
class TasksController {

    private final TaskViews views;
    private final TaskDeletion deletion;
    private final LiveTaskFeed feed;

    TasksController(TaskViews views, TaskDeletion deletion, LiveTaskFeed feed) {
        this.views = views;
        this.deletion = deletion;
        this.feed = feed;
    }

    @Operation(summary = "Every task, newest first", description = "Deleted tasks are not listed.")
    @ApiResponse(responseCode = "200", description = "the tasks",
            content = @Content(mediaType = "application/json",
                    array = @ArraySchema(schema = @Schema(implementation = TaskView.class))))
    @GetMapping(path = "/tasks", produces = MediaType.APPLICATION_JSON_VALUE)
    List<TaskView> all() {
        return views.all();
    }

    @Operation(summary = "One task")
    @ApiResponse(responseCode = "200", description = "the task",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskView.class)))
    @ApiResponse(responseCode = "400", description = "not a task id",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "no such task, or it was deleted",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @GetMapping(path = "/tasks/{taskId}", produces = MediaType.APPLICATION_JSON_VALUE)
    TaskView one(@Parameter(description = "the task id (a lower-case UUID)") @PathVariable String taskId) {
        ApiException.requireTaskId(taskId);
        return views.find(taskId).orElseThrow(() -> ApiException.unknownTask(taskId));
    }

    @Operation(summary = "Cancel a running task (stop a camera), or delete a finished one",
            description = "A running task is cancelled: every stage stops working on it, its topics and upload "
                    + "are deleted and it stays listed with status cancelled. A task that had ended (completed, "
                    + "failed or cancelled) has its results deleted and is no longer listed. A running camera task "
                    + "(POST /streams) is stopped instead: its stream ends, its recording is completed and it stays "
                    + "listed as stopped, with its results.")
    @ApiResponse(responseCode = "200", description = "what was done",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = DeletionResult.class)))
    @ApiResponse(responseCode = "400", description = "not a task id",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "no such task, or it was already deleted",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "503", description = "Kafka cannot be reached to announce the cancellation",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @DeleteMapping(path = "/tasks/{taskId}", produces = MediaType.APPLICATION_JSON_VALUE)
    DeletionResult delete(@Parameter(description = "the task id (a lower-case UUID)") @PathVariable String taskId) {
        return deletion.delete(taskId);
    }

    @Operation(summary = "Live updates (Server-Sent Events)",
            description = "First an event named `" + LiveTaskFeed.LIST_EVENT + "` with every task (the body of "
                    + "GET /tasks), then an event `" + LiveTaskFeed.TASK_EVENT + "` with a task (as in GET /tasks) "
                    + "whenever it changes, and `" + LiveTaskFeed.REMOVED_EVENT + "` with a task id when a task "
                    + "is deleted; `" + LiveTaskFeed.ANALYTICS_EVENT + "` with each analytics event of a running task "
                    + "(a line crossed, a zone entered or left) as it happens. Changes are sent at most every stride.web.update-interval (250 ms); a comment "
                    + "line every stride.web.heartbeat-interval keeps the stream open.")
    @ApiResponse(responseCode = "200", description = "the event stream",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string",
                    example = "event:task\ndata:{\"task_id\":\"6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b\","
                            + "\"status\":\"running\",\"progress\":42}\n\n")))
    @GetMapping(path = "/tasks/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events() {
        return feed.subscribe();
    }
}
