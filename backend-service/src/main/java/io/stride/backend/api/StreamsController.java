package io.stride.backend.api;

import io.stride.backend.camera.CameraTasks;
import io.stride.backend.camera.StreamResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /streams}: analyse a live camera. */
@RestController
@Tag(name = "tasks")
class StreamsController {

    private final CameraTasks cameras;

    StreamsController(CameraTasks cameras) {
        this.cameras = cameras;
    }

    @Operation(summary = "Start analysing a live camera (RTSP or HTTP)",
            description = "Body: {\"url\": \"rtsp://user:pass@host/path\" (rtsp, rtsps, http or https), \"name\": "
                    + "\"gate-2\", \"options\": {… as the upload's options}}. The task runs until DELETE /tasks/{id} "
                    + "stops it; GET /status/{id} says connecting, live, reconnecting, stopped or failed. The URL's "
                    + "credentials are never shown: answers and logs mask them. A camera holds a slot of "
                    + "stride.backend.max-tasks-in-flight for as long as it runs, and is never queued.")
    @ApiResponse(responseCode = "201", description = "the camera task started",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = StreamResponse.class)))
    @ApiResponse(responseCode = "400", description = "not JSON, a missing or invalid url or scheme, a name too long, "
            + "bad options", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "503", description = "no slot is free (stride.backend.max-tasks-in-flight) or Kafka is "
            + "unreachable; the Retry-After header says when to try again",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @PostMapping(path = "/streams", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    StreamResponse start(@RequestBody(required = false) String body) {
        return cameras.start(body);
    }
}
