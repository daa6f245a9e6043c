package io.stride.bytetrack.stage;

import io.stride.bytetrack.tracker.TrackerSettings;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The tracker stage's settings ({@code stride.bytetrack.*}). Tracker defaults are the official ByteTrack's; see
 * {@link TrackerSettings} for what each one does.
 *
 * @param classes                detector classes to track (COCO ids); default {@code [0]}, person
 * @param trackThresh            high/low score split; default 0.5
 * @param lowThresh              detections at or below are ignored; default 0.1
 * @param newTrackMargin         a new track needs score ≥ trackThresh + this; default 0.1
 * @param matchThresh            cost limit of the first association; default 0.8
 * @param lowMatchThresh         cost limit of the second (low-score) association; default 0.5
 * @param unconfirmedMatchThresh cost limit for tracks seen in one frame only; default 0.7
 * @param trackBuffer            frames a lost track is kept, at 30 fps (scaled by the video's rate); default 30
 * @param duplicateIouDistance   tracked/lost pairs closer than this IoU distance are duplicates; default 0.15
 * @param fuseScore              weigh IoU by detection score in the first association; default true
 * @param minBoxArea             tracks with a box area not above this are not reported; default 10 px²
 * @param maxAspectRatio         tracks wider than this × their height are not reported; default 1.6
 * @param stdWeightPosition      Kalman position noise per pixel of box height; default 1/20
 * @param stdWeightVelocity      Kalman velocity noise per pixel of box height; default 1/160
 * @param fallbackFps            frame rate assumed when a record carries none; default 30
 * @param replayFrames           how many recent frames of a task keep their tracks, so that a redelivered frame
 *                               is forwarded with the tracks it had; default 256 (more than one poll's records)
 * @param rebuildTimeout         how long reading a task's earlier frames back from its input topic may take when
 *                               the stage meets the task mid-stream (after a restart or a rebalance) and rebuilds
 *                               its tracker; past it the tracker starts afresh and the task's track IDs restart.
 *                               Default 60s, at most 4 min: the consumer does not poll meanwhile, and Kafka drops
 *                               it from the group after {@code max.poll.interval.ms} (5 min), which would only move
 *                               the task and its rebuild to another instance
 * @param checkpointInterval     every this many frames of a task (after frames 149, 299, ...) the tracker's state
 *                               is saved on the compacted checkpoint topic; a restarted stage resumes from the
 *                               latest one and replays at most this many frames less one from the input topic,
 *                               never frame 0, which retention may have removed. Default 150: 5 s of a 30 fps
 *                               video, so a resume replays little, while a checkpoint (about 105 KB, 55 KB as
 *                               sent gzip-compressed, for MOT17-02's crowd of 20-odd people, mostly the tracks of
 *                               the latest {@code replayFrames} frames) costs the broker less than the 150 input
 *                               records it follows. It must stay far below the frames the stage handles within
 *                               the input topic's retention (10 min), or a checkpoint's next frame could be gone
 */
@Validated
@ConfigurationProperties("stride.bytetrack")
public record ByteTrackProperties(
        @DefaultValue("0") @NotEmpty List<@NotNull @Min(0) Integer> classes,
        @DefaultValue("0.5") @DecimalMin("0") @DecimalMax("1") double trackThresh,
        @DefaultValue("0.1") @DecimalMin("0") @DecimalMax("1") double lowThresh,
        @DefaultValue("0.1") @DecimalMin("0") double newTrackMargin,
        @DefaultValue("0.8") @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") double matchThresh,
        @DefaultValue("0.5") @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") double lowMatchThresh,
        @DefaultValue("0.7") @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") double unconfirmedMatchThresh,
        @DefaultValue("30") @Min(0) int trackBuffer,
        @DefaultValue("0.15") @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") double duplicateIouDistance,
        @DefaultValue("true") boolean fuseScore,
        @DefaultValue("10") @DecimalMin("0") double minBoxArea,
        @DefaultValue("1.6") @DecimalMin(value = "0", inclusive = false) double maxAspectRatio,
        @DefaultValue("0.05") @DecimalMin(value = "0", inclusive = false) double stdWeightPosition,
        @DefaultValue("0.00625") @DecimalMin(value = "0", inclusive = false) double stdWeightVelocity,
        @DefaultValue("30") @DecimalMin(value = "0", inclusive = false) double fallbackFps,
        @DefaultValue("256") @Min(0) int replayFrames,
        @DefaultValue("60s") @NotNull @DurationMin(seconds = 1) @DurationMax(minutes = 4) Duration rebuildTimeout,
        @DefaultValue("150") @Min(1) int checkpointInterval) {

    public ByteTrackProperties {
        classes = List.copyOf(classes);
    }

    public TrackerSettings trackerSettings() {
        return new TrackerSettings(trackThresh, lowThresh, newTrackMargin, matchThresh, lowMatchThresh,
                unconfirmedMatchThresh, trackBuffer, duplicateIouDistance, fuseScore, minBoxArea, maxAspectRatio,
                stdWeightPosition, stdWeightVelocity);
    }
}
