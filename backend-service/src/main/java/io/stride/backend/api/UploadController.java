package io.stride.backend.api;

import io.stride.backend.upload.UploadService;
import io.stride.backend.upload.UploadResponse;
import io.stride.backend.upload.UploadForm;
import io.stride.backend.api.ApiError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/** {@code POST /upload}: one multipart field, {@code file}, read as a stream ({@link UploadBody}). */
@RestController
@Tag(name = "tasks")
class UploadController {

    private final UploadService uploads;

    UploadController(UploadService uploads) {
        this.uploads = uploads;
    }

    /** The form, for the API docs only: the body is streamed, never bound to this. */
    @Schema(name = "UploadForm")
    record Form(@Schema(type = "string", format = "binary", requiredMode = Schema.RequiredMode.REQUIRED,
            description = "the video") String file) {
    }

    @Operation(summary = "Upload a video and start (or queue) its task",
            description = "The file is checked by its content (FFmpeg must find a video stream in an accepted "
                    + "container format), never by its name. While stride.backend.max-tasks-in-flight tasks run, "
                    + "the task is queued (status queued, queue_position) and starts when a slot frees. A refusal "
                    + "that needs no body (413 by Content-Length, 503) comes before the body is read: send "
                    + "Expect: 100-continue to send no body then.",
            requestBody = @RequestBody(required = true, content = @Content(
                    mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = Form.class))))
    @ApiResponse(responseCode = "200", description = "the task started or was queued",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = UploadResponse.class)))
    @ApiResponse(responseCode = "400", description = "the file is empty, the request has no multipart field 'file', "
            + "has it twice, has another field, or ended before its body did",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "413", description = "the file exceeds the upload size limit",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "415", description = "not a video FFmpeg can read, no video stream in it (audio only), "
            + "a still image, or a container format that is not accepted (playlists, lists of files, stream "
            + "descriptions)", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "422", description = "the frame size, duration, frame rate, pixel rate or frame count "
            + "exceeds the configured limits",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "503", description = "the backend is receiving stride.upload.max-concurrent uploads "
            + "already, the queue is full (stride.backend.max-queued-tasks) or Kafka is unreachable; the Retry-After "
            + "header says when to try again",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "500", description = "Kafka could not create the task's topics or announce it",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "507", description = "the upload cannot be stored",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @PostMapping(path = "/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    UploadResponse upload(HttpServletRequest request) throws MissingServletRequestPartException {
        return uploads.accept(request);
    }
}
