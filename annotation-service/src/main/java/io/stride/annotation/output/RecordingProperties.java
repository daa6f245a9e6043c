package io.stride.annotation.output;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The rolling recordings of live tasks (cameras), which never end: standalone MP4 segments with their JSON
 * Lines, the oldest deleted as new ones close.
 *
 * @param segmentDuration how much of the camera's time one segment covers, by the frames' timestamps; default
 *                        5m. A restarted instance reads back at most one segment's frames from the task's topic,
 *                        so this must stay well under the topic's retention ({@code stride.backend.topic-retention},
 *                        10 min)
 * @param maxBytes        the most a task's closed segments may weigh together (MP4s and JSON Lines); the oldest go
 *                        beyond it; default 10GB
 * @param maxAge          a closed segment that ended longer ago than this goes; default 24h
 */
@Validated
@ConfigurationProperties("stride.annotation.recording")
public record RecordingProperties(
        @DefaultValue("5m") @NotNull @DurationMin(millis = 100) Duration segmentDuration,
        @DefaultValue("10GB") @NotNull DataSize maxBytes,
        @DefaultValue("24h") @NotNull @DurationMin(seconds = 1) Duration maxAge) {

    /** The defaults, for writers made without configuration (tests, warm-up). */
    public static final RecordingProperties DEFAULTS =
            new RecordingProperties(Duration.ofMinutes(5), DataSize.ofGigabytes(10), Duration.ofHours(24));

    public RecordingProperties {
        if (maxBytes != null && maxBytes.toBytes() < 0) {
            throw new IllegalArgumentException("max-bytes must not be negative: " + maxBytes);
        }
    }

    SegmentCut cut() {
        return new SegmentCut(segmentDuration);
    }

    RecordingRetention retention() {
        return new RecordingRetention(maxBytes.toBytes(), maxAge);
    }
}
