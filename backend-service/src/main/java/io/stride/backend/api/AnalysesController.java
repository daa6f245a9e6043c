package io.stride.backend.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.stride.core.analytics.AnalysisRequest;
import io.stride.backend.analytics.AnalysisService;
import io.stride.backend.options.TaskOptions;
import io.stride.backend.options.TaskOptionsJson;
import io.stride.backend.task.TaskRegistry;
import io.stride.backend.task.TaskSnapshot;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Re-analysis without re-inference: lines and zones applied to a completed task's stored tracks
 * (docs/analytics.md has the rules).
 */
@RestController
@Tag(name = "analyses", description = "Line crossings and zone visits counted from a finished task's tracks")
class AnalysesController {

    private static final MediaType JSON_LINES = MediaType.parseMediaType("application/jsonl");
    /** Says whether {@code GET /result/{id}/analytics} answers a running task's counts so far or the final ones. */
    static final String ANALYTICS_HEADER = "X-Stride-Analytics";
    static final String LIVE = "live";
    static final String FINAL = "final";
    private static final String ANALYTICS_EXAMPLE = "{\"lines\":[{\"name\":\"door\",\"in\":3,\"out\":1,"
            + "\"by_class\":{\"person\":{\"in\":3,\"out\":1}}}],\"zones\":[{\"name\":\"queue\",\"entries\":2,"
            + "\"exits\":1,\"max_occupancy\":1,\"mean_dwell_s\":1.25,\"max_dwell_s\":2.0}]}";

    private final AnalysisService analyses;
    private final TaskRegistry registry;

    AnalysesController(AnalysisService analyses, TaskRegistry registry) {
        this.analyses = analyses;
        this.registry = registry;
    }

    @Operation(summary = "The counts of the lines and zones the task was uploaded with",
            description = "The analytics of the upload's options (lines, zones), computed from the completed task's "
                    + "tracks on the first request and kept; empty lists for a task uploaded without any. While "
                    + "the task runs: its counts so far, as the annotation service last wrote them (about every "
                    + "second), with the header " + ANALYTICS_HEADER + ": " + LIVE + " (" + FINAL + " once "
                    + "completed). A stopped camera answers the counts up to its stop.")
    @ApiResponse(responseCode = "200", description = "the analytics; partial when the " + ANALYTICS_HEADER
            + " header says " + LIVE,
            content = @Content(mediaType = "application/json", schema = @Schema(type = "object",
                    example = ANALYTICS_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "not a task id",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "no such task, or its results were removed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "the task is not completed, and has no counts so far (queued, "
            + "failed, cancelled, or running without any written yet)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @GetMapping(path = "/result/{taskId}/analytics")
    ResponseEntity<Resource> taskAnalytics(
            @Parameter(description = "the task id (a lower-case UUID)") @PathVariable String taskId) {
        Optional<byte[]> live = analyses.live(taskId);
        if (live.isPresent()) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).header(ANALYTICS_HEADER, LIVE)
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").body(new ByteArrayResource(live.get()));
        }
        Optional<byte[]> camera = analyses.ofCamera(taskId);
        if (camera.isPresent()) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).header(ANALYTICS_HEADER, FINAL)
                    .body(new ByteArrayResource(camera.get()));
        }
        ResponseEntity<Resource> analytics = file(analyses.ofOptions(taskId, uploadedLinesAndZones(taskId)).get(0),
                MediaType.APPLICATION_JSON);
        return ResponseEntity.status(analytics.getStatusCode()).headers(analytics.getHeaders())
                .header(ANALYTICS_HEADER, FINAL).body(analytics.getBody());
    }

    @Operation(summary = "The events of the lines and zones the task was uploaded with, as JSON Lines",
            description = "As for an analysis: line_crossed, zone_entered, zone_exited, in frame order.")
    @ApiResponse(responseCode = "200", description = "the events",
            content = @Content(mediaType = "application/jsonl", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "not a task id",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "no such task, or its results were removed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "the task is not completed, or is a camera's (its events went out live)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @GetMapping(path = "/result/{taskId}/events")
    ResponseEntity<Resource> taskEvents(
            @Parameter(description = "the task id (a lower-case UUID)") @PathVariable String taskId) {
        return file(analyses.ofOptions(taskId, uploadedLinesAndZones(taskId)).get(1), JSON_LINES);
    }

    private AnalysisRequest uploadedLinesAndZones(String taskId) {
        ApiException.requireTaskId(taskId);
        return registry.snapshot(taskId).map(TaskSnapshot::options).map(TaskOptionsJson::read)
                .orElse(TaskOptions.NONE).analysis();
    }

    @Operation(summary = "Analyse a completed task for lines and zones",
            description = "Counts line crossings and zone visits from the task's stored tracks at once, without "
                    + "running any model. Coordinates are pixels of the upright frame.")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(type = "object", example =
            "{\"lines\":[{\"name\":\"door\",\"from\":[100,400],\"to\":[500,400]}],"
                    + "\"zones\":[{\"name\":\"queue\",\"polygon\":[[50,50],[300,50],[300,200],[50,200]]}]}")))
    @ApiResponse(responseCode = "201", description = "the analysis is done; Location names it",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Created.class)))
    @ApiResponse(responseCode = "400", description = "not a task id, or a body that is refused (the message names "
            + "the field)", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "no such task, or its results were removed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "the task is not completed, or has as many analyses as "
            + "stride.analytics.max-analyses-per-task allows", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ApiError.class)))
    @PostMapping(path = "/tasks/{taskId}/analyses", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Created> create(
            @Parameter(description = "the task id (a lower-case UUID)") @PathVariable String taskId,
            @org.springframework.web.bind.annotation.RequestBody(required = false) String body) {
        String analysisId = analyses.create(taskId, body);
        return ResponseEntity.created(URI.create("/tasks/" + taskId + "/analyses/" + analysisId))
                .body(new Created(analysisId));
    }

    @Operation(summary = "The counts of an analysis",
            description = "Per line: crossings in and out, in total and by class; per zone: entries, exits, the "
                    + "most tracks inside in one frame, mean and longest visit in seconds.")
    @ApiResponse(responseCode = "200", description = "the analytics",
            content = @Content(mediaType = "application/json", schema = @Schema(type = "object",
                    example = ANALYTICS_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "not a task id or not an analysis id",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "no such task or analysis",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @GetMapping(path = "/tasks/{taskId}/analyses/{analysisId}")
    ResponseEntity<Resource> analytics(
            @Parameter(description = "the task id (a lower-case UUID)") @PathVariable String taskId,
            @Parameter(description = "the analysis id (16 hex digits)") @PathVariable String analysisId) {
        return file(analyses.analytics(taskId, analysisId), MediaType.APPLICATION_JSON);
    }

    @Operation(summary = "The events of an analysis as JSON Lines",
            description = "One event a line, in frame order: line_crossed (with direction in or out), zone_entered, "
                    + "zone_exited.")
    @ApiResponse(responseCode = "200", description = "the events",
            content = @Content(mediaType = "application/jsonl", schema = @Schema(type = "string", example =
                    "{\"frame\":42,\"pts_us\":1400000,\"type\":\"line_crossed\",\"name\":\"door\",\"track_id\":7,"
                            + "\"class_name\":\"person\",\"direction\":\"in\"}")))
    @ApiResponse(responseCode = "400", description = "not a task id or not an analysis id",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "no such task or analysis",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @GetMapping(path = "/tasks/{taskId}/analyses/{analysisId}/events")
    ResponseEntity<Resource> events(
            @Parameter(description = "the task id (a lower-case UUID)") @PathVariable String taskId,
            @Parameter(description = "the analysis id (16 hex digits)") @PathVariable String analysisId) {
        return file(analyses.events(taskId, analysisId), JSON_LINES);
    }

    @Operation(summary = "Delete an analysis", description = "Makes room for another within the task's allowance.")
    @ApiResponse(responseCode = "204", description = "deleted")
    @ApiResponse(responseCode = "400", description = "not a task id or not an analysis id",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "no such task or analysis",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @DeleteMapping(path = "/tasks/{taskId}/analyses/{analysisId}")
    ResponseEntity<Void> delete(
            @Parameter(description = "the task id (a lower-case UUID)") @PathVariable String taskId,
            @Parameter(description = "the analysis id (16 hex digits)") @PathVariable String analysisId) {
        analyses.delete(taskId, analysisId);
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<Resource> file(Path file, MediaType type) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + file.getFileName() + "\"")
                .body(new FileSystemResource(file));
    }

    /** The answer of {@code POST /tasks/{id}/analyses}. */
    @Schema(description = "The analysis that was made")
    record Created(@JsonProperty("analysis_id") @Schema(example = "9f86d081884c7d65") String analysisId) {
    }
}
