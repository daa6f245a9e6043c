package io.stride.backend.upload;

import io.stride.backend.api.ApiError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code POST /upload}: one multipart field, {@code file}. */
@RestController
@Tag(name = "tasks")
class UploadController {

    private final UploadService uploads;

    UploadController(UploadService uploads) {
        this.uploads = uploads;
    }

    @Operation(summary = "Upload a video and start (or queue) its task",
            description = "The file is checked by its content (FFmpeg must find a video stream), never by its name. "
                    + "While stride.backend.max-tasks-in-flight tasks run, the task is queued (status queued, "
                    + "queue_position) and starts when a slot frees.")
    @ApiResponse(responseCode = "200", description = "the task started or was queued",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = UploadResponse.class)))
    @ApiResponse(responseCode = "400", description = "the file is empty, the request has no multipart field 'file', "
            + "has it twice, or has another field",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "413", description = "the file exceeds the upload size limit",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "415", description = "not a video FFmpeg can read, no video stream in it (audio only), "
            + "or a still image", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "422", description = "the frame size or the duration exceeds the configured limits",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "503", description = "the queue is full (stride.backend.max-queued-tasks); the "
            + "Retry-After header says when to try again",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "500", description = "Kafka could not create the task's topics or announce it",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "507", description = "the upload cannot be stored",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @PostMapping(path = "/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    UploadResponse upload(@RequestPart("file") MultipartFile file, HttpServletRequest request)
            throws IOException, ServletException {
        UploadForm.check(request.getParts().stream().map(Part::getName).toList());
        return uploads.accept(file);
    }
}
