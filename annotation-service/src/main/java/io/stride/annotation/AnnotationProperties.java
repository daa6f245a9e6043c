package io.stride.annotation;

import io.stride.annotation.output.H264Settings;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.Set;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How results are drawn and the MP4 is encoded.
 *
 * @param keypointScoreThreshold keypoints scoring below this are not drawn, nor are limbs touching them;
 *                               default 0.3
 * @param x264Preset             x264 speed/size trade-off; default {@code veryfast} (about 4 ms a 720p frame
 *                               on two cores, a fraction of what the model stages take)
 * @param crf                    x264 constant rate factor, 0–51, lower is better; default 23 (x264's own)
 * @param gopSeconds             time between keyframes, which is how far a player seeks to start playing;
 *                               default 1
 * @param trackedClasses         classes the tracker follows, whose detections are drawn as tracks only;
 *                               must match {@code stride.bytetrack.classes}; default 0 (person)
 * @param abandonAfter           a task with no frame for this long is given up and its partial files deleted:
 *                               a task failed upstream never sends its end-of-stream here; default 10m, the
 *                               retention of the task's topics, after which its frames are gone anyway.
 *                               Partial files of any instance untouched this long are deleted too
 * @param replayTimeout          longest time to read back and draw again the frames a task met mid-stream
 *                               missed (after a restart or a rebalance) before the task fails; default 4m,
 *                               under the consumer's {@code max.poll.interval.ms} (5 min), since the rebuild
 *                               runs inside one poll: at about 100 frames a second that is some 24000 frames.
 *                               A task with a resume point reads back at most {@code segmentFrames} frames
 * @param segmentFrames          the MP4 is written in closed segments of this many frames, cut only at multiples
 *                               of it, and a task met mid-stream goes on from its last closed segment: it reads
 *                               back at most this many frames, wherever the task is. Must stay well under
 *                               {@code stride.backend.max-frames-ahead} (600), which keeps those frames on the
 *                               topic; default 300 (10 s at 30 fps: a segment's overhead is one keyframe)
 */
@Validated
@ConfigurationProperties("stride.annotation")
public record AnnotationProperties(
        @DefaultValue("0.3") @DecimalMin("0.0") @DecimalMax("1.0") float keypointScoreThreshold,
        @DefaultValue("veryfast")
        @Pattern(regexp = "ultrafast|superfast|veryfast|faster|fast|medium|slow|slower|veryslow|placebo")
        String x264Preset,
        @DefaultValue("23") @Min(0) @Max(51) int crf,
        @DefaultValue("1") @DecimalMin(value = "0.0", inclusive = false) double gopSeconds,
        @DefaultValue("0") @NotEmpty Set<Integer> trackedClasses,
        @DefaultValue("10m") @NotNull @DurationMin(seconds = 1) Duration abandonAfter,
        @DefaultValue("4m") @NotNull @DurationMin(seconds = 1) Duration replayTimeout,
        @DefaultValue("300") @Min(1) int segmentFrames) {

    public H264Settings encoder() {
        return new H264Settings(x264Preset, crf, gopSeconds);
    }
}
