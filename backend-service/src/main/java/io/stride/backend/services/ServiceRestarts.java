package io.stride.backend.services;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * How often the supervisor restarted one service, and the last time.
 *
 * @param service        the service's name ({@code backend}, {@code yolox}, …, {@code kafka})
 * @param restarts       restarts since the supervisor started
 * @param lastRestart    when the last one happened
 * @param lastExitStatus the exit status that caused it (137: SIGKILL, 143: SIGTERM)
 */
@Schema(description = "Restarts of one service by the one-command run's supervisor")
public record ServiceRestarts(
        @Schema(example = "yolox") String service,
        @Schema(example = "2") int restarts,
        @JsonProperty("last_restart") Instant lastRestart,
        @JsonProperty("last_exit_status") @Schema(example = "137") int lastExitStatus) {
}
