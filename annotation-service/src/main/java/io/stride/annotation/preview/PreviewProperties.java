package io.stride.annotation.preview;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The live preview ({@code GET /preview/{task_id}}, MJPEG) that the web page shows while a task runs.
 *
 * @param maxFps         frames a second sent to a task's viewers at most; frames beyond are not even encoded;
 *                       default 10, smooth enough to follow people at a JPEG encode of a few ms a frame
 * @param jpegQuality    JPEG quality (1–100) of the preview frames; default 80
 * @param idleTimeout    a stream that has had no new frame for this long ends (the task ended, failed or has not
 *                       begun); the page opens a new one while the task runs; default 30s
 * @param maxViewers     streams open at once over all tasks, each holding a thread; default 16
 * @param allowedOrigins origins (CORS patterns) whose scripts may read the stream; an {@code <img>} shows it from
 *                       any origin anyway, so this only matters to pages that draw it on a canvas; default
 *                       {@code *}, since the backend's page may be served under any host name
 */
@Validated
@ConfigurationProperties("stride.preview")
public record PreviewProperties(
        @DefaultValue("10") @DecimalMin(value = "0.0", inclusive = false) double maxFps,
        @DefaultValue("80") @Min(1) @Max(100) int jpegQuality,
        @DefaultValue("30s") @NotNull @DurationMin(millis = 100) Duration idleTimeout,
        @DefaultValue("16") @Min(1) int maxViewers,
        @DefaultValue("*") @NotEmpty List<String> allowedOrigins) {
}
