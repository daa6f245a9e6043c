package io.stride.backend.api;

import io.stride.backend.api.ApiError;
import io.stride.backend.api.ApiException;
import io.stride.backend.task.TaskRegistry;
import io.stride.backend.task.TaskStatus;
import io.stride.core.result.StorageProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /result/{id}} (the MP4) and {@code GET /result/{id}/annotations} (JSON Lines). Returning a
 * {@link Resource} lets Spring answer HTTP range requests, so browsers can seek.
 */
@RestController
@Tag(name = "results")
class ResultController {

    private static final MediaType MP4 = MediaType.parseMediaType("video/mp4");
    private static final MediaType JSON_LINES = MediaType.parseMediaType("application/jsonl");

    private final TaskRegistry registry;
    private final StorageProperties storage;

    ResultController(TaskRegistry registry, StorageProperties storage) {
        this.registry = registry;
        this.storage = storage;
    }

    @Operation(summary = "The annotated MP4",
            description = "H.264, faststart; answers HTTP range requests (206) so players can seek.")
    @ApiResponse(responseCode = "200", description = "the video",
            content = @Content(mediaType = "video/mp4", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "206", description = "the requested byte range of the video",
            content = @Content(mediaType = "video/mp4", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "400", description = "not a task id",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "no such task, not completed, or its results were removed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "416", description = "the requested range is outside the file; no body, the "
            + "Content-Range header gives the file's size", content = @Content)
    @GetMapping("/result/{taskId}")
    ResponseEntity<Resource> video(
            @Parameter(description = "the task id (a lower-case UUID)") @PathVariable String taskId) {
        ApiException.requireTaskId(taskId);
        return serve(taskId, storage.results().video(taskId), MP4, "inline");
    }

    @Operation(summary = "The per-frame results as JSON Lines",
            description = "One line per frame: frame, pts_us, detections, tracks, poses.")
    @ApiResponse(responseCode = "200", description = "the annotations",
            content = @Content(mediaType = "application/jsonl", schema = @Schema(type = "string", example =
                    "{\"frame\":0,\"pts_us\":0,\"detections\":[],\"tracks\":[],\"poses\":[]}")))
    @ApiResponse(responseCode = "400", description = "not a task id",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "no such task, not completed, or its results were removed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @GetMapping("/result/{taskId}/annotations")
    ResponseEntity<Resource> annotations(
            @Parameter(description = "the task id (a lower-case UUID)") @PathVariable String taskId) {
        ApiException.requireTaskId(taskId);
        return serve(taskId, storage.results().annotations(taskId), JSON_LINES, "attachment");
    }

    private ResponseEntity<Resource> serve(String taskId, Path file, MediaType type, String disposition) {
        TaskStatus status = registry.status(taskId)
                .orElseThrow(() -> ApiException.unknownTask(taskId));
        if (!registry.isCompleted(taskId)) {
            throw ApiException.notFound("task " + taskId + " is " + status.status()
                    + ("failed".equals(status.status()) ? ": " + status.error() : " (" + status.progress() + ")"));
        }
        if (!Files.isRegularFile(file)) {
            throw MissingResults.of(registry, taskId);
        }
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition + "; filename=\"" + file.getFileName() + "\"")
                .body(new FileSystemResource(file));
    }
}
