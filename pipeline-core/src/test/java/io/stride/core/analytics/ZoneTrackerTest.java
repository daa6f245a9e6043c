package io.stride.core.analytics;

import static io.stride.core.analytics.Frames.frame;
import static io.stride.core.analytics.Frames.person;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The zone rule on hand-placed anchors, 10 fps (frame n at n × 0.1 s), around the square (100..200)². */
class ZoneTrackerTest {

    private static final Zone QUEUE = new Zone("queue", List.of(
            new Point(100, 100), new Point(200, 100), new Point(200, 200), new Point(100, 200)));

    @Test
    void leavingAndEnteringAgainMakesTwoVisits() {
        ZoneTracker tracker = new ZoneTracker(QUEUE);
        List<AnalyticsEvent> events = observe(tracker,
                frame(0, person(1, 50, 150)),
                frame(1, person(1, 120, 150)),
                frame(2, person(1, 150, 150)),
                frame(3, person(1, 180, 150)),
                frame(4, person(1, 250, 150)),
                frame(5, person(1, 260, 150)),
                frame(6, person(1, 190, 150)),
                // lost in frames 7 and 8: still the same visit when found inside again
                frame(9, person(1, 150, 150)));

        assertThat(events).containsExactly(
                new AnalyticsEvent(1, 100_000, "zone_entered", "queue", 1, "person", null),
                new AnalyticsEvent(4, 400_000, "zone_exited", "queue", 1, "person", null),
                new AnalyticsEvent(6, 600_000, "zone_entered", "queue", 1, "person", null));
        // Visits: frames 1 to 3 (0.2 s) and 6 to 9 (0.3 s, still open when the video ends).
        assertThat(tracker.stats()).isEqualTo(new ZoneStats("queue", 2, 1, 1, 0.25, 0.3));
    }

    @Test
    void aTrackThatFirstAppearsInsideEntersAndOneThatFirstAppearsOutsideDoesNotExit() {
        ZoneTracker tracker = new ZoneTracker(QUEUE);
        List<AnalyticsEvent> events = observe(tracker,
                frame(0, person(1, 150, 150), person(2, 300, 300)),
                frame(1, person(2, 310, 300)));

        assertThat(events).extracting(AnalyticsEvent::type, AnalyticsEvent::trackId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("zone_entered", 1));
        // A visit of a single position lasts 0 s.
        assertThat(tracker.stats()).isEqualTo(new ZoneStats("queue", 1, 0, 1, 0.0, 0.0));
    }

    @Test
    void occupancyCountsTheTracksInsideInOneFrame() {
        ZoneTracker tracker = new ZoneTracker(QUEUE);
        observe(tracker,
                frame(0, person(1, 150, 150), person(2, 160, 160), person(3, 10, 10)),
                frame(1, person(1, 150, 150), person(2, 160, 160), person(3, 170, 170)),
                frame(2, person(3, 170, 170)));

        ZoneStats stats = tracker.stats();
        assertThat(stats.maxOccupancy()).isEqualTo(3);
        assertThat(stats.entries()).isEqualTo(3);
        // Tracks 1 and 2 from 0 to 0.1 s, track 3 from 0.1 to 0.2 s.
        assertThat(stats.meanDwellSeconds()).isEqualTo(0.1);
        assertThat(stats.maxDwellSeconds()).isEqualTo(0.1);
    }

    @Test
    void anEmptyZoneHasNoDwell() {
        ZoneTracker tracker = new ZoneTracker(QUEUE);
        observe(tracker, frame(0, person(1, 10, 10)));
        assertThat(tracker.stats()).isEqualTo(new ZoneStats("queue", 0, 0, 0, 0.0, 0.0));
    }

    @Test
    void theEvenOddRuleLeavesTheNotchOfAConcavePolygonOutside() {
        // A U: two uprights joined at the bottom; the notch between them is outside.
        Zone u = new Zone("u", List.of(new Point(0, 0), new Point(30, 0), new Point(30, 100), new Point(70, 100),
                new Point(70, 0), new Point(100, 0), new Point(100, 130), new Point(0, 130)));

        assertThat(u.contains(new Point(15, 50))).isTrue();
        assertThat(u.contains(new Point(85, 50))).isTrue();
        assertThat(u.contains(new Point(50, 120))).isTrue();
        assertThat(u.contains(new Point(50, 50))).as("in the notch").isFalse();
        assertThat(u.contains(new Point(150, 50))).isFalse();
    }

    @Test
    void aSelfIntersectingPolygonFollowsTheEvenOddRule() {
        // A bow tie: the two triangles are inside, what lies beyond is not.
        Zone bowTie = new Zone("bow tie", List.of(new Point(0, 0), new Point(100, 100), new Point(100, 0),
                new Point(0, 100)));

        assertThat(bowTie.contains(new Point(10, 50))).isTrue();
        assertThat(bowTie.contains(new Point(90, 50))).isTrue();
        assertThat(bowTie.contains(new Point(50, 10))).isFalse();
    }

    private static List<AnalyticsEvent> observe(ZoneTracker tracker, TrackedFrame... frames) {
        List<AnalyticsEvent> events = new ArrayList<>();
        for (TrackedFrame frame : frames) {
            events.addAll(tracker.observe(frame));
        }
        return events;
    }
}
