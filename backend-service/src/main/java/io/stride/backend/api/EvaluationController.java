package io.stride.backend.api;

import io.stride.backend.evaluation.EvaluationProperties;
import io.stride.backend.evaluation.EvaluationResult;
import io.stride.backend.evaluation.TaskEvaluation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /tasks/{id}/evaluation}: a completed task's tracks scored against a MOTChallenge {@code gt.txt} sent
 * as the request body (docs/analytics.md, "Evaluation").
 */
@RestController
@Tag(name = "evaluation", description = "Tracking accuracy of a finished task against ground truth")
class EvaluationController {

    private static final String TEXT_CSV = "text/csv";

    private final TaskEvaluation evaluation;
    private final EvaluationProperties properties;

    EvaluationController(TaskEvaluation evaluation, EvaluationProperties properties) {
        this.evaluation = evaluation;
        this.properties = properties;
    }

    @Operation(summary = "Score a completed task's tracks against ground truth",
            description = "The body is a MOTChallenge gt.txt (frame,id,left,top,width,height,consider,class"
                    + "[,visibility]; frames from 1, frame 1 being the task's first frame), e.g. curl "
                    + "--data-binary @gt.txt -H 'Content-Type: text/plain'. Scored as MOTChallenge scores MOT17: "
                    + "pedestrians (class 1) with consider 1 are the targets; tracker boxes on distractors are "
                    + "ignored; matches need IoU 0.5 for CLEAR and ID, HOTA averages IoU thresholds 0.05..0.95. "
                    + "Nothing is stored.")
    @RequestBody(content = {
        @Content(mediaType = "text/plain", schema = @Schema(type = "string", example = "1,1,912,484,97,109,0,7,1\n"
                + "1,2,1338,418,167,379,1,1,1\n2,2,1342,417,168,380,1,1,1")),
        @Content(mediaType = TEXT_CSV, schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "200", description = "the scores",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = EvaluationResult.class)))
    @ApiResponse(responseCode = "400", description = "not a task id, or a body that is not MOTChallenge ground "
            + "truth (the message names the line)", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "no such task, or its results were removed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "the task is not completed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "413", description = "the body exceeds stride.evaluation.max-ground-truth-size",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "415", description = "a body that is neither text/plain nor text/csv",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @PostMapping(path = "/tasks/{taskId}/evaluation", consumes = {MediaType.TEXT_PLAIN_VALUE, TEXT_CSV},
            produces = MediaType.APPLICATION_JSON_VALUE)
    EvaluationResult evaluate(
            @Parameter(description = "the task id (a lower-case UUID)") @PathVariable String taskId,
            HttpServletRequest request) throws IOException {
        ApiException.requireTaskId(taskId);
        return evaluation.evaluate(taskId, groundTruthLines(request));
    }

    /** The body's lines, refused with 413 as soon as it is known to be too large. */
    private List<String> groundTruthLines(HttpServletRequest request) throws IOException {
        long limit = properties.maxGroundTruthSize().toBytes();
        if (request.getContentLengthLong() > limit) {
            throw tooLarge(limit);
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            // One byte past the limit tells a chunked body that is too large from one exactly at it.
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 1, limit) + 1);
        }
        if (body.length > limit) {
            throw tooLarge(limit);
        }
        return new String(body, StandardCharsets.UTF_8).lines().toList();
    }

    private static ApiException tooLarge(long limit) {
        return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "the ground truth exceeds the size limit of " + limit
                + " bytes (stride.evaluation.max-ground-truth-size)");
    }
}
