package io.stride.backend.api;

import io.stride.backend.analytics.HeatmapService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /result/{id}/heatmap.png}: where a finished task's tracks stood, over a frame of its video. */
@RestController
@Tag(name = "results")
class HeatmapController {

    /**
     * A finished task's heatmap never changes, but it goes when the task is deleted; private because a task token
     * may be what opened it.
     */
    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofHours(1)).cachePrivate();

    private final HeatmapService heatmaps;

    HeatmapController(HeatmapService heatmaps) {
        this.heatmaps = heatmaps;
    }

    @Operation(summary = "Where the tracks were: a heatmap over a frame",
            description = "The density of the tracks' anchors (bottom centre of each box) over the whole task, "
                    + "blurred and coloured from blue (rare) to red (most), laid over the video's middle frame. "
                    + "The PNG has the video's size, so its pixels are those of the boxes, lines and zones. Drawn "
                    + "on the first request (about as long as an analysis), then kept with the task's results.")
    @ApiResponse(responseCode = "200", description = "the heatmap",
            content = @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "400", description = "not a task id",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "no such task, or its results were removed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "the task is not completed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "503", description = "as many heatmaps as stride.analytics.heatmap.max-concurrent "
            + "allows are being drawn; Retry-After says when to try again",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @GetMapping("/result/{taskId}/heatmap.png")
    ResponseEntity<Resource> heatmap(
            @Parameter(description = "the task id (a lower-case UUID)") @PathVariable String taskId) {
        Path file = heatmaps.heatmap(taskId);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CACHE)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + taskId + "-heatmap.png\"")
                .body(new FileSystemResource(file));
    }
}
