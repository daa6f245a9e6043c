package io.stride.bytetrack.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.bytetrack.checkpoint.TrackerCheckpoint;
import io.stride.bytetrack.checkpoint.TrackerCheckpointCodec;
import io.stride.bytetrack.mot.Mot17Detections;
import io.stride.core.frame.Detection;
import io.stride.core.frame.FrameRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A task's tracking restored from an encoded checkpoint forwards what the tracking it was taken from forwards,
 * for new frames and for redelivered ones alike.
 */
class TaskTrackingCheckpointTest {

    private static final String TASK = "00000000-0000-0000-0000-00000000000a";
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8};

    private static List<FrameRecord> frames;
    private final TaskTrackingFactory trackings = new TaskTrackingFactory(properties());

    @BeforeAll
    static void readDetections() {
        List<List<Detection>> detections = Mot17Detections.byFrame();
        frames = new ArrayList<>();
        for (int i = 0; i < detections.size(); i++) {
            frames.add(FrameRecord.frame(TASK, i, i * 33_333L, 30, 1920, 1080, JPEG).withDetections(detections.get(i)));
        }
    }

    @Test
    void aRestoredTaskForwardsWhatTheOriginalForwardsRedeliveriesIncluded() {
        TaskTracking original = trackings.fresh(frames.get(0));
        frames.subList(0, 300).forEach(original::track);

        TrackerCheckpoint checkpoint = original.checkpoint();
        TaskTracking restored = trackings.restored(
                TrackerCheckpointCodec.decode(TrackerCheckpointCodec.encode(checkpoint)));

        assertThat(checkpoint.frameIndex()).isEqualTo(299);
        assertThat(restored.lastFrameIndex()).isEqualTo(299);
        // Frames 250..299 come again (a detector restarted), then frame 10 (remembered by neither), then the rest.
        List<FrameRecord> next = new ArrayList<>(frames.subList(250, 300));
        next.add(frames.get(10));
        next.addAll(frames.subList(300, 600));
        for (FrameRecord frame : next) {
            FrameRecord expected = original.track(frame);
            assertThat(restored.track(frame)).as("frame %d", frame.frameIndex()).isEqualTo(expected);
        }
        assertThat(restored.checkpoint().tracker().lastId()).isEqualTo(original.checkpoint().tracker().lastId());
    }

    @Test
    void aCheckpointRemembersTheTracksOfTheLatestReplayFramesOnly() {
        TaskTracking tracking = trackings.fresh(frames.get(0));
        frames.subList(0, 300).forEach(tracking::track);

        TrackerCheckpoint checkpoint = tracking.checkpoint();

        // replay-frames is 256: frames 44..299.
        assertThat(checkpoint.recentTracks()).hasSize(256);
        assertThat(checkpoint.recentTracks().keySet().iterator().next()).isEqualTo(44L);
        assertThat(checkpoint.recentTracks().get(299L)).isEqualTo(tracking.track(frames.get(299)).tracks());
    }

    static ByteTrackProperties properties() {
        return new ByteTrackProperties(List.of(0), 0.5, 0.1, 0.1, 0.8, 0.5, 0.7, 30, 0.15, true, 10, 1.6,
                1.0 / 20, 1.0 / 160, 30, 256, Duration.ofSeconds(60), 150);
    }
}
