package io.stride.backend.api;

import io.stride.backend.tasks.MotChallengeTracks;
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
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** {@code GET /result/{id}/tracks.txt}: a finished task's tracks in MOTChallenge text format. */
@RestController
@Tag(name = "results")
class TracksController {

    private final TaskRegistry registry;
    private final StorageProperties storage;

    TracksController(TaskRegistry registry, StorageProperties storage) {
        this.registry = registry;
        this.storage = storage;
    }

    @Operation(summary = "The tracks in MOTChallenge format",
            description = "One line per tracked box: frame,id,left,top,width,height,score,-1,-1,-1 with frames "
                    + "counted from 1, converted from the task's annotations.")
    @ApiResponse(responseCode = "200", description = "the tracks",
            content = @Content(mediaType = "text/plain", schema = @Schema(type = "string",
                    example = "1,1,412.50,120.25,80.00,210.75,0.9123,-1,-1,-1")))
    @ApiResponse(responseCode = "400", description = "not a task id",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "no such task, not completed, or its results were removed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @GetMapping(path = "/result/{taskId}/tracks.txt")
    ResponseEntity<StreamingResponseBody> tracks(
            @Parameter(description = "the task id (a lower-case UUID)") @PathVariable String taskId) {
        ApiException.requireTaskId(taskId);
        TaskStatus status = registry.status(taskId).orElseThrow(() -> ApiException.unknownTask(taskId));
        if (!registry.isCompleted(taskId)) {
            throw ApiException.notFound("task " + taskId + " is " + status.status());
        }
        Path annotations = storage.results().annotations(taskId);
        if (!Files.isRegularFile(annotations)) {
            throw MissingResults.of(registry, taskId);
        }
        StreamingResponseBody body = out -> {
            // Line by line: the annotations of a long video are far larger than its tracks.
            try (BufferedReader in = Files.newBufferedReader(annotations, StandardCharsets.UTF_8);
                 var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    for (String row : MotChallengeTracks.rows(line)) {
                        writer.write(row);
                        writer.write('\n');
                    }
                }
            }
        };
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.US_ASCII))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + taskId + "-tracks.txt\"")
                .body(body);
    }
}
