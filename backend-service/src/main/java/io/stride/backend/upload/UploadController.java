package io.stride.backend.upload;

import io.stride.backend.api.ApiError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code POST /upload}: multipart field {@code file}. */
@RestController
@Tag(name = "tasks")
class UploadController {

    private final UploadService uploads;

    UploadController(UploadService uploads) {
        this.uploads = uploads;
    }

    @Operation(summary = "Upload a video and start its task",
            description = "The file is checked by its content (FFmpeg must find a video stream), never by its name.")
    @ApiResponse(responseCode = "200", description = "the task started",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = UploadResponse.class)))
    @ApiResponse(responseCode = "400", description = "the file is empty, or the request has no multipart field 'file'",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "413", description = "the file exceeds the upload size limit",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "415", description = "not a video FFmpeg can read, or no video stream in it",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "500", description = "Kafka could not create the task's topics or announce it",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "507", description = "the upload cannot be stored",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @PostMapping(path = "/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    UploadResponse upload(@RequestPart("file") MultipartFile file) {
        return uploads.accept(file);
    }
}
