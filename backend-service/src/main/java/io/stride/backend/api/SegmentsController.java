package io.stride.backend.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.stride.backend.task.TaskRegistry;
import io.stride.core.result.RecordedSegment;
import io.stride.core.result.RecordingManifest;
import io.stride.core.result.StorageProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The rolling recordings of a live task (a camera): {@code GET /result/{id}/segments} lists its closed segments,
 * oldest first, and {@code GET /result/{id}/segments/{name}.mp4} and {@code .jsonl} serve one, with HTTP range
 * support, while the task runs and after. The list is the annotation service's manifest of the task's segments
 * directory ({@link RecordingManifest}): a segment is listed only once both its files are complete, and a name is
 * served only when listed, so nothing outside the task's directory (nor a partial file) is ever reached. Access
 * is the task's read token or the operator key, as for every path naming a task.
 */
@RestController
@Tag(name = "results")
class SegmentsController {

    private static final MediaType MP4 = MediaType.parseMediaType("video/mp4");
    private static final MediaType JSON_LINES = MediaType.parseMediaType("application/jsonl");
    private static final Pattern SEGMENT_NAME = Pattern.compile("\\d{6,9}");

    private final TaskRegistry registry;
    private final StorageProperties storage;

    SegmentsController(TaskRegistry registry, StorageProperties storage) {
        this.registry = registry;
        this.storage = storage;
    }

    /** The closed segments of a task, oldest first. */
    @Schema(description = "The closed segments of a live task's recording, oldest first")
    record SegmentList(List<SegmentEntry> segments) {
    }

    /** One closed segment: its place in the task and where its files are. */
    @Schema(description = "One closed segment: a standalone MP4 and its JSON Lines")
    record SegmentEntry(
            @Schema(description = "its name, digits", example = "000001") String name,
            @JsonProperty("start_frame") @Schema(description = "the task's index of its first frame", example = "9000")
            long startFrame,
            @Schema(description = "its frames: the MP4's and the JSON Lines' lines", example = "9000") long frames,
            @JsonProperty("start_pts_us") @Schema(description = "its first frame's time in the task, µs; the MP4's "
                    + "own timestamps start at 0 there", example = "300000000") long startPtsUs,
            @JsonProperty("duration_s") @Schema(description = "how long it plays", example = "300.0") double durationS,
            @Schema(description = "the MP4's size in bytes", example = "31457280") long bytes,
            @Schema(example = "/result/3f6c.../segments/000001.mp4") String video,
            @Schema(example = "/result/3f6c.../segments/000001.jsonl") String annotations) {
    }

    @Operation(summary = "The closed segments of a live task's recording",
            description = "Oldest first; only complete segments, each playable on its own. Empty before the first "
                    + "segment closes (and for an upload, whose result is one MP4).")
    @ApiResponse(responseCode = "200", description = "the segments",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SegmentList.class)))
    @ApiResponse(responseCode = "400", description = "not a task id",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "no such task",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @GetMapping("/result/{taskId}/segments")
    SegmentList segments(@Parameter(description = "the task id (a lower-case UUID)") @PathVariable String taskId) {
        Path directory = taskSegments(taskId);
        return new SegmentList(manifest(taskId, directory).segments().stream()
                .filter(segment -> Files.isRegularFile(segment.video(directory))
                        && Files.isRegularFile(segment.annotations(directory)))
                .map(segment -> entry(taskId, segment)).toList());
    }

    @Operation(summary = "One segment's MP4", description = "H.264, faststart, playable on its own; answers HTTP "
            + "range requests (206).")
    @ApiResponse(responseCode = "200", description = "the video",
            content = @Content(mediaType = "video/mp4", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "206", description = "the requested byte range of the video",
            content = @Content(mediaType = "video/mp4", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "400", description = "not a task id or not a segment name",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "no such task, or no such segment (never closed, or deleted "
            + "by the recording's retention)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @GetMapping("/result/{taskId}/segments/{name}.mp4")
    ResponseEntity<Resource> video(@PathVariable String taskId,
                                   @Parameter(description = "the segment's name", example = "000001")
                                   @PathVariable String name) {
        return serve(taskId, name, RecordedSegment::video, MP4, "inline");
    }

    @Operation(summary = "One segment's per-frame results as JSON Lines",
            description = "One line per frame of the segment's MP4, as in the task's annotations; range requests "
                    + "answered (206).")
    @ApiResponse(responseCode = "200", description = "the annotations",
            content = @Content(mediaType = "application/jsonl", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "not a task id or not a segment name",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "no such task or segment",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @GetMapping("/result/{taskId}/segments/{name}.jsonl")
    ResponseEntity<Resource> annotations(@PathVariable String taskId, @PathVariable String name) {
        return serve(taskId, name, RecordedSegment::annotations, JSON_LINES, "attachment");
    }

    private ResponseEntity<Resource> serve(String taskId, String name, BiFunction<RecordedSegment, Path, Path> file,
                                           MediaType type, String disposition) {
        if (!SEGMENT_NAME.matcher(name).matches()) {
            throw ApiException.badRequest("not a segment name: segments are named by digits, e.g. 000001");
        }
        Path directory = taskSegments(taskId);
        Path path = manifest(taskId, directory).segment(name).map(segment -> file.apply(segment, directory))
                .filter(Files::isRegularFile)
                .orElseThrow(() -> ApiException.notFound("task " + taskId + " has no segment " + name));
        // A Resource body lets Spring answer Range requests (206, Accept-Ranges).
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition + "; filename=\"" + path.getFileName() + "\"")
                .body(new FileSystemResource(path));
    }

    private Path taskSegments(String taskId) {
        ApiException.requireTaskId(taskId);
        if (registry.status(taskId).isEmpty()) {
            throw ApiException.unknownTask(taskId);
        }
        return storage.results().segments(taskId);
    }

    private static RecordingManifest manifest(String taskId, Path directory) {
        try {
            return RecordingManifest.read(directory).orElse(RecordingManifest.EMPTY);
        } catch (IOException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                    "the recording of task " + taskId + " cannot be listed now; try again");
        }
    }

    private static SegmentEntry entry(String taskId, RecordedSegment segment) {
        String files = "/result/" + taskId + "/segments/" + segment.name();
        return new SegmentEntry(segment.name(), segment.startFrame(), segment.frames(), segment.startPtsUs(),
                segment.durationUs() / 1e6, segment.videoBytes(), files + ".mp4", files + ".jsonl");
    }
}
