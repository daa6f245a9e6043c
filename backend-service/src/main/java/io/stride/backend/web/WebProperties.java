package io.stride.backend.web;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the web page and its live updates.
 *
 * @param previewBaseUrl    base URL of the annotation service as the <em>browser</em> reaches it; the page shows
 *                          {@code {previewBaseUrl}/preview/{task_id}} (MJPEG) while a task runs. Default
 *                          {@code http://localhost:8084}, right when the browser runs on the fleet's machine
 * @param updateInterval    the live-update stream sends what changed at most this often, so a task's progress
 *                          events (every stage, twice a second) reach browsers as one update; default 250ms
 * @param heartbeatInterval a comment line is sent this often to every live-update client, which keeps proxies from
 *                          closing an idle stream and reveals clients that went away; default 15s
 * @param maxSubscribers    live-update clients served at once; one more gets {@code 503}; default 64
 * @param subscriberQueue   updates queued for one live-update client; a client that falls this far behind (it stopped
 *                          reading) is dropped; default 256, minutes of updates for a client that reads
 * @param sendTimeout       longest one write to a live-update client may take before the client is dropped; default
 *                          10s
 */
@Validated
@ConfigurationProperties("stride.web")
public record WebProperties(
        @DefaultValue("http://localhost:8084") @NotBlank String previewBaseUrl,
        @DefaultValue("250ms") @NotNull @DurationMin(millis = 10) Duration updateInterval,
        @DefaultValue("15s") @NotNull @DurationMin(millis = 100) Duration heartbeatInterval,
        @DefaultValue("64") @Min(1) int maxSubscribers,
        @DefaultValue("256") @Min(2) int subscriberQueue,
        @DefaultValue("10s") @NotNull @DurationMin(millis = 100) Duration sendTimeout) {
}
