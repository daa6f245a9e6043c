package io.stride.bytetrack.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.Detection;
import io.stride.core.frame.TrackedObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ByteTrackerTest {

    private static final double FPS = 30;
    private static final float WIDTH = 50;
    private static final float HEIGHT = 150;

    private final TrackerSettings defaults = TrackerSettings.defaults();

    @Test
    void firstFrameTracksAreReportedAtOnceWithIdsFromOneInInputOrder() {
        ByteTracker tracker = new ByteTracker(defaults, FPS);

        List<TrackedObject> tracks = tracker.update(List.of(person(100, 100, 0.9f), person(400, 100, 0.8f)));

        assertThat(tracks).containsExactly(
                new TrackedObject(1, box(100, 100), 0.9f, 0),
                new TrackedObject(2, box(400, 100), 0.8f, 0));
    }

    @Test
    void aTrackBornAfterTheFirstFrameIsReportedFromItsSecondMatch() {
        ByteTracker tracker = new ByteTracker(defaults, FPS);
        tracker.update(List.of(person(100, 100, 0.9f)));

        assertThat(ids(tracker.update(List.of(person(100, 100, 0.9f), person(400, 100, 0.9f))))).containsExactly(1);
        assertThat(ids(tracker.update(List.of(person(100, 100, 0.9f), person(400, 100, 0.9f))))).containsExactly(1, 2);
    }

    @Test
    void aNewTrackNeedsAScoreOfTrackThreshPlusTheMargin() {
        ByteTracker tracker = new ByteTracker(defaults, FPS);

        // 0.55 is a high detection (> 0.5) but below 0.6: it may continue a track, never start one.
        assertThat(tracker.update(List.of(person(100, 100, 0.55f), person(400, 100, 0.65f))))
                .extracting(TrackedObject::trackId, TrackedObject::score)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 0.65f));
        assertThat(ids(tracker.update(List.of(person(100, 100, 0.55f), person(400, 100, 0.65f))))).containsExactly(1);
    }

    @Test
    void anUnconfirmedTrackNotSeenAgainIsDroppedAndItsIdNotReused() {
        ByteTracker tracker = new ByteTracker(defaults, FPS);
        tracker.update(List.of(person(100, 100, 0.9f)));
        tracker.update(List.of(person(100, 100, 0.9f), person(400, 100, 0.9f)));  // id 2, unconfirmed
        tracker.update(List.of(person(100, 100, 0.9f)));                           // id 2 removed

        tracker.update(List.of(person(100, 100, 0.9f), person(400, 100, 0.9f)));  // id 3, unconfirmed
        assertThat(ids(tracker.update(List.of(person(100, 100, 0.9f), person(400, 100, 0.9f))))).containsExactly(1, 3);
    }

    @Test
    void twoPeopleCrossingKeepTheirIds() {
        ByteTracker tracker = new ByteTracker(defaults, FPS);
        Map<Integer, List<Float>> centreXById = new TreeMap<>();
        for (int frame = 0; frame < 60; frame++) {
            // A walks right from x=100, B walks left from x=690; they pass each other around frame 30, B a bit lower.
            float ax = 100 + 10 * frame;
            float bx = 690 - 10 * frame;
            for (TrackedObject track : tracker.update(List.of(person(ax, 100, 0.9f), person(bx, 130, 0.9f)))) {
                centreXById.computeIfAbsent(track.trackId(), id -> new ArrayList<>())
                        .add((track.box().x1() + track.box().x2()) / 2);
            }
        }

        assertThat(centreXById).containsOnlyKeys(1, 2);
        assertThat(centreXById.get(1)).hasSize(60).isSorted();          // A kept moving right under id 1
        assertThat(centreXById.get(2)).hasSize(60);
        assertThat(centreXById.get(2).get(59)).isLessThan(centreXById.get(2).get(0));
        assertThat(centreXById.get(1).get(59)).isCloseTo(100 + 590 + WIDTH / 2, within(1f));
        assertThat(centreXById.get(2).get(59)).isCloseTo(690 - 590 + WIDTH / 2, within(1f));
    }

    @Test
    void anOcclusionShorterThanTheBufferKeepsTheId() {
        ByteTracker tracker = new ByteTracker(defaults, FPS);
        List<List<TrackedObject>> output = walkWithGap(tracker, 20, 25);

        assertThat(ids(output.get(19))).containsExactly(1);
        for (int frame = 20; frame < 45; frame++) {
            assertThat(output.get(frame)).as("frame %d, hidden", frame).isEmpty();
        }
        // The Kalman filter carried the lost track along at 5 px/frame, so the walker is matched on reappearing.
        assertThat(ids(output.get(45))).containsExactly(1);
        assertThat(ids(output.get(59))).containsExactly(1);
    }

    @Test
    void anOcclusionLongerThanTheBufferStartsANewId() {
        ByteTracker tracker = new ByteTracker(defaults, FPS);
        List<List<TrackedObject>> output = walkWithGap(tracker, 20, 31);

        // Back at frame 51 as an unconfirmed new track (id 2), reported from its second frame.
        assertThat(output.get(51)).isEmpty();
        assertThat(ids(output.get(52))).containsExactly(2);
        // The expired track 1 is gone, not kept in memory.
        assertThat(tracker.liveTracks()).isEqualTo(1);
    }

    @Test
    void aLostTrackIsKeptForTheBuffersTimeHoweverFewFramesCame() {
        // A standing person seen in frames 1..20, missed in 21, then (frames dropped) seen again in one call.
        assertThat(ids(seenAgainAt(45))).as("24 frames' time after it was last seen").containsExactly(1);
        assertThat(ids(seenAgainAt(50))).as("30 frames' time: still within the buffer").containsExactly(1);
        assertThat(seenAgainAt(52)).as("32 frames' time: a new, unconfirmed track").isEmpty();
    }

    @Test
    void frameNumbersOnlyGoForward() {
        ByteTracker tracker = new ByteTracker(defaults, FPS);
        tracker.updateAt(5, List.of());

        assertThatThrownBy(() -> tracker.updateAt(5, List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("frame 5 is not after frame 5");
    }

    private List<TrackedObject> seenAgainAt(int frameNumber) {
        ByteTracker tracker = new ByteTracker(defaults, FPS);
        for (int frame = 1; frame <= 20; frame++) {
            tracker.updateAt(frame, List.of(person(100, 100, 0.9f)));
        }
        tracker.updateAt(21, List.of());
        return tracker.updateAt(frameNumber, List.of(person(100, 100, 0.9f)));
    }

    @Test
    void theBufferScalesWithTheFrameRate() {
        // 15 fps: int(15 / 30 × 30) = 15 frames, so a 20-frame gap is too long.
        ByteTracker tracker = new ByteTracker(defaults, 15);
        List<List<TrackedObject>> output = walkWithGap(tracker, 20, 20);

        assertThat(ids(output.get(41))).containsExactly(2);
    }

    @Test
    void aLowScoreDetectionRescuesATrackedTrack() {
        ByteTracker tracker = new ByteTracker(defaults, FPS);
        for (int frame = 0; frame < 5; frame++) {
            tracker.update(List.of(person(100 + 5 * frame, 100, 0.9f)));
        }

        // Partly occluded: the detector is unsure (0.3), but the second association keeps the track.
        for (int frame = 5; frame < 10; frame++) {
            List<TrackedObject> tracks = tracker.update(List.of(person(100 + 5 * frame, 100, 0.3f)));
            assertThat(tracks).extracting(TrackedObject::trackId, TrackedObject::score)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 0.3f));
        }
    }

    @Test
    void detectionsAtOrBelowTheLowThresholdAreIgnored() {
        ByteTracker tracker = new ByteTracker(defaults, FPS);
        tracker.update(List.of(person(100, 100, 0.9f)));

        assertThat(tracker.update(List.of(person(100, 100, 0.1f)))).isEmpty();
        // A low detection alone never starts a track.
        ByteTracker fresh = new ByteTracker(defaults, FPS);
        assertThat(fresh.update(List.of(person(100, 100, 0.4f)))).isEmpty();
        assertThat(fresh.update(List.of(person(100, 100, 0.4f)))).isEmpty();
    }

    @Test
    void wideAndTinyBoxesAreTrackedButNotReported() {
        ByteTracker tracker = new ByteTracker(defaults, FPS);
        Detection wide = new Detection(new BoundingBox(0, 0, 170, 100), 0.9f, 0);      // w/h 1.7 > 1.6
        Detection tiny = new Detection(new BoundingBox(500, 500, 502, 505), 0.9f, 0);  // area 10, not above 10
        Detection upright = new Detection(new BoundingBox(300, 0, 460, 100), 0.9f, 0); // w/h 1.6 is kept

        assertThat(ids(tracker.update(List.of(wide, tiny, upright)))).containsExactly(3);
        ByteTracker unfiltered = new ByteTracker(defaults.withOutputFilter(0, 100), FPS);
        assertThat(ids(unfiltered.update(List.of(wide, tiny, upright)))).containsExactly(1, 2, 3);
    }

    @Test
    void theSameInputGivesTheSameOutput() {
        List<List<TrackedObject>> first = crowd(new ByteTracker(defaults, FPS));
        List<List<TrackedObject>> second = crowd(new ByteTracker(defaults, FPS));

        assertThat(second).isEqualTo(first);
        assertThat(first.get(first.size() - 1)).hasSizeGreaterThan(10);
    }

    @Test
    void reportedBoxesFollowTheMotion() {
        ByteTracker tracker = new ByteTracker(defaults, FPS);
        TrackedObject last = null;
        for (int frame = 0; frame < 30; frame++) {
            last = tracker.update(List.of(person(100 + 4 * frame, 100, 0.9f))).get(0);
        }

        assertThat(last.box().x1()).isCloseTo(100 + 4 * 29, within(0.5f));
        assertThat(last.box().width()).isCloseTo(WIDTH, within(0.01f));
        assertThat(last.box().height()).isCloseTo(HEIGHT, within(0.01f));
    }

    /** One walker at 5 px/frame for 60 frames, undetected for {@code length} frames from {@code from}. */
    private static List<List<TrackedObject>> walkWithGap(ByteTracker tracker, int from, int length) {
        List<List<TrackedObject>> output = new ArrayList<>();
        for (int frame = 0; frame < 60 + length; frame++) {
            boolean hidden = frame >= from && frame < from + length;
            output.add(tracker.update(hidden ? List.of() : List.of(person(100 + 5 * frame, 100, 0.9f))));
        }
        return output;
    }

    /** 20 walkers on a grid with a detector that misses or doubts some of them in a fixed pattern. */
    private static List<List<TrackedObject>> crowd(ByteTracker tracker) {
        List<List<TrackedObject>> output = new ArrayList<>();
        for (int frame = 0; frame < 50; frame++) {
            List<Detection> detections = new ArrayList<>();
            for (int k = 0; k < 20; k++) {
                if ((frame + k) % 7 == 0) {
                    continue;
                }
                float score = (frame * 3 + k) % 5 == 0 ? 0.3f : 0.9f;
                detections.add(person(60 * k + (k % 2 == 0 ? 2 : -2) * frame, 200 + 10 * (k % 3), score));
            }
            output.add(tracker.update(detections));
        }
        return output;
    }

    private static Detection person(float x, float y, float score) {
        return new Detection(box(x, y), score, 0);
    }

    private static BoundingBox box(float x, float y) {
        return new BoundingBox(x, y, x + WIDTH, y + HEIGHT);
    }

    private static List<Integer> ids(List<TrackedObject> tracks) {
        return tracks.stream().map(TrackedObject::trackId).toList();
    }
}
