package io.stride.core.analytics;

import static io.stride.core.analytics.Frames.at;
import static io.stride.core.analytics.Frames.frame;
import static io.stride.core.analytics.Frames.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An analysis taken apart at any frame and restored from its state goes on exactly as one never interrupted. */
class AnalysisStateTest {

    private static final AnalysisRequest REQUEST = new AnalysisRequest(
            List.of(new CountingLine("door", new Point(100, 100), new Point(200, 100)),
                    new CountingLine("aisle", new Point(150, 0), new Point(150, 300))),
            List.of(new Zone("queue", List.of(new Point(100, 100), new Point(200, 100), new Point(200, 200),
                    new Point(100, 200)))));
    /** 1 s at 10 fps. */
    private static final long ONE_SECOND_US = 1_000_000;

    @Test
    void anAnalysisRestoredAtAnyFrameGivesTheEventsAndResultOfAnUninterruptedOne() {
        List<TrackedFrame> frames = walkers();
        Analysis uninterrupted = new Analysis(REQUEST);
        List<AnalyticsEvent> allEvents = new ArrayList<>();
        frames.forEach(frame -> allEvents.addAll(uninterrupted.accept(frame)));
        assertThat(allEvents).as("the walk crosses, enters and exits").hasSizeGreaterThan(10);

        for (int split = 0; split < frames.size(); split++) {
            Analysis first = new Analysis(REQUEST);
            List<AnalyticsEvent> events = new ArrayList<>();
            frames.subList(0, split).forEach(frame -> events.addAll(first.accept(frame)));
            // Through JSON, as the annotation stage keeps it.
            AnalysisState state = AnalyticsJson.readState(AnalyticsJson.state(first.state()));
            assertThat(state).isEqualTo(first.state());
            Analysis restored = Analysis.restore(REQUEST, Analysis.NEVER_FORGET, state);
            frames.subList(split, frames.size()).forEach(frame -> events.addAll(restored.accept(frame)));

            assertThat(events).as("events, split at %d", split).isEqualTo(allEvents);
            assertThat(restored.result()).as("result, split at %d", split).isEqualTo(uninterrupted.result());
            assertThat(restored.state()).isEqualTo(uninterrupted.state());
        }
    }

    @Test
    void aRestoredAnalysisRefusesFramesItAlreadySaw() {
        Analysis analysis = new Analysis(REQUEST);
        analysis.accept(frame(4, person(1, 150, 90)));
        Analysis restored = Analysis.restore(REQUEST, Analysis.NEVER_FORGET, analysis.state());

        assertThat(restored.lastFrame()).isEqualTo(4);
        assertThatThrownBy(() -> restored.accept(frame(4))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStateOfOtherLinesOrZonesIsRefused() {
        AnalysisState state = new Analysis(REQUEST).state();
        var fewer = new AnalysisRequest(REQUEST.lines().subList(0, 1), REQUEST.zones());
        var renamed = new AnalysisRequest(List.of(REQUEST.lines().get(1), REQUEST.lines().get(0)), REQUEST.zones());

        assertThatThrownBy(() -> Analysis.restore(fewer, Analysis.NEVER_FORGET, state))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(
                        "the state has 2 lines and 1 zones, the request 1 and 1");
        assertThatThrownBy(() -> Analysis.restore(renamed, Analysis.NEVER_FORGET, state))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the state of line door for line aisle");
    }

    @Test
    void theStateHoldsCountsPositionsAndOpenVisits() {
        Analysis analysis = new Analysis(REQUEST);
        analysis.accept(frame(0, person(1, 120, 90)));
        analysis.accept(frame(1, person(1, 120, 150)));
        analysis.accept(frame(2, person(1, 130, 160)));

        assertThat(AnalyticsJson.state(analysis.state())).isEqualTo("{\"last_frame\":2,\"last_seen_us\":{\"1\":200000},"
                + "\"lines\":[{\"name\":\"door\",\"in\":1,\"out\":0,\"by_class\":{\"person\":{\"in\":1,\"out\":0}},"
                + "\"last_sided\":{\"1\":{\"x\":130.0,\"y\":160.0,\"side\":1}}},"
                + "{\"name\":\"aisle\",\"in\":0,\"out\":0,\"by_class\":{},"
                + "\"last_sided\":{\"1\":{\"x\":130.0,\"y\":160.0,\"side\":1}}}],"
                + "\"zones\":[{\"name\":\"queue\",\"entries\":1,\"exits\":0,\"max_occupancy\":1,\"occupancy\":1,"
                + "\"closed_visits\":0,\"closed_dwell_us\":0,\"max_closed_dwell_us\":0,"
                + "\"open_visits\":{\"1\":{\"entered_us\":100000,\"last_inside_us\":200000}}}]}");
    }

    @Test
    void forgettingAStaleTrackChangesNothingForTracksSeenRecently() {
        List<TrackedFrame> frames = walkers();
        // Track 9 stands inside the zone, above the door, in frames 0-2 only, then is never seen again.
        List<TrackedFrame> withStale = new ArrayList<>();
        for (TrackedFrame f : frames) {
            List<TrackPosition> tracks = new ArrayList<>(f.tracks());
            if (f.frame() <= 2) {
                tracks.add(person(9, 180, 120 + f.frame()));
            }
            withStale.add(new TrackedFrame(f.frame(), f.ptsUs(), tracks));
        }
        Analysis remembering = new Analysis(REQUEST);
        Analysis forgetting = new Analysis(REQUEST, ONE_SECOND_US);
        List<AnalyticsEvent> remembered = new ArrayList<>();
        List<AnalyticsEvent> forgotten = new ArrayList<>();
        for (TrackedFrame f : withStale) {
            remembered.addAll(remembering.accept(f));
            forgotten.addAll(forgetting.accept(f));
            if (f.frame() == 13) {
                // Last seen at 0.2 s: at 1.3 s it is 1.1 s old, so forgotten; nothing else is.
                assertThat(forgetting.state().lastSeenUs()).doesNotContainKey(9);
                assertThat(forgetting.state().zones().get(0).openVisits()).doesNotContainKey(9);
                assertThat(forgetting.state().lines().get(1).lastSided()).doesNotContainKey(9);
                assertThat(remembering.state().lastSeenUs()).containsKey(9);
            }
        }

        assertThat(forgotten).isEqualTo(remembered);
        assertThat(forgetting.result()).isEqualTo(remembering.result());
        assertThat(forgetting.tracksRemembered()).isLessThan(remembering.tracksRemembered());
    }

    @Test
    void aTrackSeenWithinTheTimeIsKept() {
        Analysis analysis = new Analysis(REQUEST, ONE_SECOND_US);
        analysis.accept(frame(0, person(1, 120, 90)));
        // Exactly 1 s later: not older than the limit.
        analysis.accept(frame(10, person(2, 20, 20)));
        assertThat(analysis.state().lastSeenUs()).containsOnlyKeys(1, 2);
        // Found again below the door: the crossing counts.
        assertThat(analysis.accept(frame(10 + 1, person(1, 120, 110)))).hasSize(2);
        assertThat(analysis.accept(frame(30, person(2, 20, 20)))).isEmpty();
        assertThat(analysis.state().lastSeenUs()).containsOnlyKeys(2);
    }

    @Test
    void countedEventsCarryTheLinesRunningTotalsAndTheZonesOccupancy() {
        Analysis analysis = new Analysis(REQUEST);
        analysis.accept(frame(0, person(1, 120, 90), person(2, 130, 90), person(3, 300, 300)));
        List<CountedEvent> events = analysis.acceptCounted(
                frame(1, person(1, 120, 110), person(2, 130, 110), person(3, 300, 301)));

        assertThat(events).extracting(CountedEvent::lineTotals).containsExactly(
                new LineCount.Crossings(1, 0), new LineCount.Crossings(2, 0), null, null);
        assertThat(events).extracting(CountedEvent::occupancy).containsExactly(null, null, 2, 2);
        assertThat(analysis.lineTotals()).containsExactly(new LineCount.Crossings(2, 0),
                new LineCount.Crossings(0, 0));
        assertThat(analysis.occupancies()).containsExactly(2);
    }

    @Test
    void aLiveEventIsTheEventWithItsTaskIdAndTotals() {
        Analysis analysis = new Analysis(REQUEST);
        analysis.accept(frame(0, person(1, 120, 90)));
        List<CountedEvent> events = analysis.acceptCounted(frame(1, person(1, 120, 110)));
        String task = "3f2a0c1e-0000-4000-8000-000000000001";

        String crossed = AnalyticsJson.liveEvent(LiveEvent.of(task, 0, events.get(0)));
        String entered = AnalyticsJson.liveEvent(LiveEvent.of(task, 1, events.get(1)));

        assertThat(crossed).isEqualTo("{\"task_id\":\"" + task + "\",\"event_id\":\"" + task + ":1:0\","
                + "\"frame\":1,\"pts_us\":100000,\"type\":\"line_crossed\",\"name\":\"door\",\"track_id\":1,"
                + "\"class_name\":\"person\",\"direction\":\"in\",\"counts\":{\"in\":1,\"out\":0}}");
        assertThat(entered).isEqualTo("{\"task_id\":\"" + task + "\",\"event_id\":\"" + task + ":1:1\","
                + "\"frame\":1,\"pts_us\":100000,\"type\":\"zone_entered\",\"name\":\"queue\",\"track_id\":1,"
                + "\"class_name\":\"person\",\"occupancy\":1}");
        assertThat(AnalyticsJson.readLiveEvent(crossed).event()).isEqualTo(events.get(0).event());
        assertThat(AnalyticsJson.readLiveEvent(entered)).isEqualTo(LiveEvent.of(task, 1, events.get(1)));
    }

    @Test
    void theResultReadsBackAsWritten() {
        Analysis analysis = new Analysis(REQUEST);
        walkers().forEach(analysis::accept);
        AnalyticsResult result = analysis.result();
        assertThat(AnalyticsJson.readResult(AnalyticsJson.result(result))).isEqualTo(result);
    }

    /**
     * Three tracks over 40 frames: one walks down through the door and the zone and back up, one walks across
     * the aisle and back, lost for a while, one (a car) loiters in the zone, leaves it and comes back.
     */
    private static List<TrackedFrame> walkers() {
        List<TrackedFrame> frames = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            List<TrackPosition> tracks = new ArrayList<>();
            double down = i < 20 ? 60 + 9.5 * i : 60 + 9.5 * (40 - i);
            tracks.add(person(1, 130.25, down));
            if (i < 12 || i > 16) {
                tracks.add(person(2, i < 25 ? 90 + 7 * i : 90 + 7 * (50 - i), 150.5));
            }
            tracks.add(at(3, Frames.CAR, 170 + (i % 10 < 6 ? 0 : 50), 180));
            frames.add(frame(i, tracks.toArray(TrackPosition[]::new)));
        }
        return frames;
    }
}
