package io.stride.core.analytics;

import static io.stride.core.analytics.Frames.frame;
import static io.stride.core.analytics.Frames.person;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The line rule on hand-placed anchors. The line runs from a = (100, 100) to b = (200, 100), so
 * {@code side(p) = sign(100·(p.y − 100))}: −1 above it (smaller y), +1 below; {@code in} is downwards.
 */
class LineCounterTest {

    private static final CountingLine DOOR = new CountingLine("door", new Point(100, 100), new Point(200, 100));

    @Test
    void sidesFollowTheCrossProduct() {
        assertThat(DOOR.side(new Point(150, 90))).isEqualTo(-1);
        assertThat(DOOR.side(new Point(150, 110))).isEqualTo(1);
        assertThat(DOOR.side(new Point(150, 100))).isZero();
        assertThat(DOOR.side(new Point(500, 100))).as("on the extension").isZero();
    }

    @Test
    void countsACrossingEachWay() {
        List<AnalyticsEvent> events = run(DOOR,
                frame(0, person(1, 150, 90)),
                frame(1, person(1, 150, 110)),
                frame(2, person(1, 160, 95)));

        assertThat(events).containsExactly(
                new AnalyticsEvent(1, 100_000, "line_crossed", "door", 1, "person", "in"),
                new AnalyticsEvent(2, 200_000, "line_crossed", "door", 1, "person", "out"));
    }

    @Test
    void aPathThroughAnEndOfTheLineCounts() {
        LineCounter counter = new LineCounter(DOOR);
        // (90, 90) → (110, 110) passes exactly through a = (100, 100): cross(q−p, a−p) = 0.
        counter.observe(frame(0, person(1, 90, 90), person(2, 190, 90)));
        // (190, 90) → (210, 110) passes exactly through b = (200, 100).
        counter.observe(frame(1, person(1, 110, 110), person(2, 210, 110)));

        assertThat(counter.count()).isEqualTo(count(2, 0, Map.of("person", new LineCount.Crossings(2, 0))));
    }

    @Test
    void passingBesideTheLineChangesSidesWithoutCounting() {
        LineCounter counter = new LineCounter(DOOR);
        // Crosses y = 100 at x = 85, on the extension beyond a: cross(q−p, a−p) = −300 and cross(q−p, b−p) = −2300.
        counter.observe(frame(0, person(1, 80, 90)));
        assertThat(counter.observe(frame(1, person(1, 90, 110)))).isEmpty();
        // And beyond b, at x = 215.
        counter.observe(frame(2, person(2, 210, 90)));
        assertThat(counter.observe(frame(3, person(2, 220, 110)))).isEmpty();

        assertThat(counter.count()).isEqualTo(count(0, 0, Map.of()));
    }

    @Test
    void touchingTheLineAndGoingBackIsNoCrossing() {
        List<AnalyticsEvent> events = run(DOOR,
                frame(0, person(1, 150, 90)),
                frame(1, person(1, 150, 100)),
                frame(2, person(1, 150, 90)));

        assertThat(events).isEmpty();
    }

    @Test
    void steppingOntoTheLineAndOnAcrossCountsOnceWhenTheOtherSideIsReached() {
        List<AnalyticsEvent> events = run(DOOR,
                frame(0, person(1, 150, 90)),
                frame(1, person(1, 150, 100)),
                frame(2, person(1, 151, 100)),
                frame(3, person(1, 150, 120)));

        assertThat(events).containsExactly(new AnalyticsEvent(3, 300_000, "line_crossed", "door", 1, "person", "in"));
    }

    @Test
    void aTrackLostAndFoundAgainOnTheOtherSideIsCountedWhenFound() {
        List<AnalyticsEvent> events = run(DOOR,
                frame(0, person(4, 150, 90), person(5, 120, 50)),
                frame(1, person(5, 120, 51)),
                frame(2, person(5, 120, 52)),
                frame(3, person(4, 140, 130), person(5, 120, 53)));

        assertThat(events).containsExactly(new AnalyticsEvent(3, 300_000, "line_crossed", "door", 4, "person", "in"));
    }

    @Test
    void aTrackLostAndFoundAgainOnTheSameSideIsNotCounted() {
        assertThat(run(DOOR,
                frame(0, person(4, 150, 90)),
                frame(5, person(4, 170, 80)))).isEmpty();
    }

    @Test
    void everyCrossingCountsPerTrackAndPerClass() {
        LineCounter counter = new LineCounter(DOOR);
        double[] zigzag = {90, 110, 90, 110, 90};
        for (int f = 0; f < zigzag.length; f++) {
            counter.observe(frame(f, person(1, 150, zigzag[f]), Frames.at(2, Frames.CAR, 180, 200 - zigzag[f])));
        }

        // The person: in, out, in, out. The car mirrors it: out, in, out, in.
        assertThat(counter.count()).isEqualTo(count(4, 4, Map.of(
                "car", new LineCount.Crossings(2, 2),
                "person", new LineCount.Crossings(2, 2))));
        assertThat(counter.count().byClass().keySet()).containsExactly("car", "person");
    }

    @Test
    void aLineDrawnTheOtherWayRoundSwapsInAndOut() {
        CountingLine reversed = new CountingLine("door", DOOR.to(), DOOR.from());
        assertThat(run(reversed, frame(0, person(1, 150, 90)), frame(1, person(1, 150, 110))))
                .extracting(AnalyticsEvent::direction).containsExactly("out");
    }

    private static List<AnalyticsEvent> run(CountingLine line, TrackedFrame... frames) {
        LineCounter counter = new LineCounter(line);
        List<AnalyticsEvent> events = new ArrayList<>();
        for (TrackedFrame frame : frames) {
            events.addAll(counter.observe(frame));
        }
        return events;
    }

    private static LineCount count(long in, long out, Map<String, LineCount.Crossings> byClass) {
        return new LineCount("door", in, out, byClass);
    }
}
