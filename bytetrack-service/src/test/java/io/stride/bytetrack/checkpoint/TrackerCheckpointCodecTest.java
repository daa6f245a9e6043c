package io.stride.bytetrack.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stride.bytetrack.mot.Mot17Detections;
import io.stride.bytetrack.tracker.ByteTracker;
import io.stride.bytetrack.tracker.TrackerSettings;
import io.stride.bytetrack.tracker.TrackerSnapshot;
import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.Detection;
import io.stride.core.frame.TrackedObject;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A tracker restored from an encoded checkpoint must go on exactly as the one it was taken from, on a real and long
 * input: MOT17-02's 600 frames, where people walk in and out, are lost, found again and dropped.
 */
class TrackerCheckpointCodecTest {

    private static final double FPS = 30;
    private static final TrackerSettings SETTINGS = TrackerSettings.defaults();

    private static List<List<Detection>> frames;

    @BeforeAll
    static void readDetections() {
        frames = Mot17Detections.byFrame();
    }

    /**
     * Snapshots after 1, 37, 180, 333 and 599 frames; 180 and 333 have lost tracks in the snapshot and removed
     * ones behind it (ids given out that neither list holds), which a restored tracker must neither bring back nor
     * hand out again.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 37, 180, 333, 599})
    void aRestoredTrackerGoesOnBitForBitLikeTheOriginal(int after) {
        ByteTracker original = new ByteTracker(SETTINGS, FPS);
        for (List<Detection> frame : frames.subList(0, after)) {
            original.update(frame);
        }
        TrackerCheckpoint checkpoint = new TrackerCheckpoint(after - 1, original.snapshot(), Map.of());

        ByteTracker restored = ByteTracker.restore(SETTINGS,
                TrackerCheckpointCodec.decode(TrackerCheckpointCodec.encode(checkpoint)).tracker());

        for (int f = after; f < frames.size(); f++) {
            List<TrackedObject> expected = original.update(frames.get(f));
            assertThat(restored.update(frames.get(f))).as("frame %d", f).isEqualTo(expected);
        }
        // Not only the output: every Kalman mean and covariance, bit for bit.
        assertThat(encode(restored.snapshot())).isEqualTo(encode(original.snapshot()));
    }

    @Test
    void theSnapshotsTestedAboveHoldLostTracksAndFollowRemovedOnes() {
        ByteTracker tracker = new ByteTracker(SETTINGS, FPS);
        for (List<Detection> frame : frames.subList(0, 180)) {
            tracker.update(frame);
        }
        TrackerSnapshot at180 = tracker.snapshot();
        for (List<Detection> frame : frames.subList(180, 333)) {
            tracker.update(frame);
        }
        TrackerSnapshot at333 = tracker.snapshot();

        for (TrackerSnapshot snapshot : List.of(at180, at333)) {
            assertThat(snapshot.lost()).isNotEmpty();
            assertThat(snapshot.lastId()).isGreaterThan(snapshot.tracked().size() + snapshot.lost().size());
        }
        assertThat(at180.frame()).isEqualTo(180);
        assertThat(at180.maxFramesLost()).isEqualTo(30);
    }

    @Test
    void decodingWhatWasEncodedGivesTheSameCheckpointAndTheSizeIsExact() {
        TrackerCheckpoint checkpoint = checkpointAfter(90, 3);
        byte[] bytes = TrackerCheckpointCodec.encode(checkpoint);

        TrackerCheckpoint decoded = TrackerCheckpointCodec.decode(bytes);

        assertThat(decoded.frameIndex()).isEqualTo(89);
        assertThat(decoded.recentTracks()).isEqualTo(checkpoint.recentTracks());
        assertThat(decoded.recentTracks().keySet()).containsExactly(87L, 88L, 89L);
        assertThat(TrackerCheckpointCodec.encode(decoded)).isEqualTo(bytes);
        assertThat(TrackerCheckpointCodec.size(checkpoint)).isEqualTo(bytes.length);
    }

    @Test
    void floatsAndDoublesKeepTheirExactBitsNaNPayloadsIncluded() {
        float oddNaN = Float.intBitsToFloat(0x7fc0_1234);
        TrackedObject odd = new TrackedObject(7, new BoundingBox(-0.0f, Float.MIN_VALUE, oddNaN, 1e30f), 0.1f, 3);
        TrackerCheckpoint checkpoint = new TrackerCheckpoint(5, new ByteTracker(SETTINGS, FPS).snapshot(),
                Map.of(5L, List.of(odd)));

        TrackedObject back = TrackerCheckpointCodec.decode(TrackerCheckpointCodec.encode(checkpoint))
                .recentTracks().get(5L).get(0);

        assertThat(Float.floatToRawIntBits(back.box().x1())).isEqualTo(Float.floatToRawIntBits(-0.0f));
        assertThat(Float.floatToRawIntBits(back.box().x2())).isEqualTo(0x7fc0_1234);
        assertThat(back.box().y1()).isEqualTo(Float.MIN_VALUE);
    }

    @Test
    void anUnknownVersionIsRefusedNamingBothVersions() {
        byte[] bytes = TrackerCheckpointCodec.encode(checkpointAfter(10, 2));
        ByteBuffer.wrap(bytes).putInt(0, 2);

        assertThatThrownBy(() -> TrackerCheckpointCodec.decode(bytes))
                .isInstanceOf(TrackerCheckpointFormatException.class)
                .hasMessage("unknown tracker checkpoint version 2 (this build reads version 1)");
    }

    @Test
    void everyTruncationIsRefusedAsTruncated() {
        byte[] bytes = TrackerCheckpointCodec.encode(checkpointAfter(4, 2));

        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> TrackerCheckpointCodec.decode(cut)).as("%d of %d bytes", length, bytes.length)
                    .isInstanceOf(TrackerCheckpointFormatException.class)
                    .hasMessageStartingWith("tracker checkpoint truncated: ");
        }
        assertThatThrownBy(() -> TrackerCheckpointCodec.decode(Arrays.copyOf(bytes, 3)))
                .hasMessage("tracker checkpoint truncated: 3 bytes end in the middle of it");
    }

    @Test
    void bytesAfterTheEndAreRefused() {
        byte[] bytes = TrackerCheckpointCodec.encode(checkpointAfter(4, 2));

        assertThatThrownBy(() -> TrackerCheckpointCodec.decode(Arrays.copyOf(bytes, bytes.length + 5)))
                .isInstanceOf(TrackerCheckpointFormatException.class)
                .hasMessage("tracker checkpoint has 5 bytes after its end");
    }

    @Test
    void aCheckpointResumesATaskMetAfterItsFrameOrAtAFrameItStillRemembers() {
        TrackerCheckpoint checkpoint = checkpointAfter(90, 3); // frame 89, remembers 87..89

        assertThat(checkpoint.resumableAt(90)).isTrue();
        assertThat(checkpoint.resumableAt(500)).isTrue();
        assertThat(checkpoint.resumableAt(89)).isTrue();
        assertThat(checkpoint.resumableAt(87)).isTrue();
        assertThat(checkpoint.resumableAt(86)).isFalse();
    }

    /** A checkpoint after {@code frameCount} frames that remembers the tracks of the last {@code recent}. */
    private static TrackerCheckpoint checkpointAfter(int frameCount, int recent) {
        ByteTracker tracker = new ByteTracker(SETTINGS, FPS);
        Map<Long, List<TrackedObject>> tracks = new LinkedHashMap<>();
        for (int f = 0; f < frameCount; f++) {
            List<TrackedObject> out = tracker.update(frames.get(f));
            if (f >= frameCount - recent) {
                tracks.put((long) f, out);
            }
        }
        return new TrackerCheckpoint(frameCount - 1, tracker.snapshot(), tracks);
    }

    private static byte[] encode(TrackerSnapshot snapshot) {
        return TrackerCheckpointCodec.encode(new TrackerCheckpoint(0, snapshot, Map.of()));
    }
}
