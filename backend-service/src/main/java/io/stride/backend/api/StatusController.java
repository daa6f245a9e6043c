package io.stride.backend.api;

import io.stride.backend.camera.CameraStatuses;
import io.stride.backend.task.TaskStatus;
import io.stride.backend.task.TaskRegistry;
import io.stride.backend.api.ApiError;
import io.stride.backend.api.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /status/{id}}. */
@RestController
@Tag(name = "tasks")
class StatusController {

    private final TaskRegistry registry;
    private final CameraStatuses cameras;

    StatusController(TaskRegistry registry, CameraStatuses cameras) {
        this.registry = registry;
        this.cameras = cameras;
    }

    @Operation(summary = "A task's status and progress")
    @ApiResponse(responseCode = "200", description = "the status",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskStatus.class)))
    @ApiResponse(responseCode = "400", description = "not a task id",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "no such task",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @GetMapping("/status/{taskId}")
    TaskStatus status(@Parameter(description = "the task id (a lower-case UUID)") @PathVariable String taskId) {
        ApiException.requireTaskId(taskId);
        return registry.status(taskId).map(cameras::of).orElseThrow(() -> ApiException.unknownTask(taskId));
    }
}
