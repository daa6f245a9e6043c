package io.stride.core.analytics;

import static io.stride.core.analytics.Frames.frame;
import static io.stride.core.analytics.Frames.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines and zones together over a task's frames, and what is written of them. */
class AnalysisTest {

    private static final AnalysisRequest REQUEST = new AnalysisRequest(
            List.of(new CountingLine("door", new Point(100, 100), new Point(200, 100))),
            List.of(new Zone("queue", List.of(new Point(100, 100), new Point(200, 100), new Point(200, 200),
                    new Point(100, 200)))));

    @Test
    void eventsOfAFrameComeLinesFirstThenZones() {
        Analysis analysis = new Analysis(REQUEST);
        analysis.accept(frame(0, person(1, 150, 90)));

        // Crossing the door's edge of the zone both crosses the line and enters the zone.
        assertThat(analysis.accept(frame(1, person(1, 150, 110)))).containsExactly(
                new AnalyticsEvent(1, 100_000, "line_crossed", "door", 1, "person", "in"),
                new AnalyticsEvent(1, 100_000, "zone_entered", "queue", 1, "person", null));
    }

    @Test
    void writesTheAnalyticsAndTheEventsAsTheApiAnswersThem() {
        Analysis analysis = new Analysis(REQUEST);
        analysis.accept(frame(0, person(1, 150, 90)));
        List<AnalyticsEvent> events = analysis.accept(frame(1, person(1, 150, 110)));

        assertThat(AnalyticsJson.result(analysis.result())).isEqualTo(
                "{\"lines\":[{\"name\":\"door\",\"in\":1,\"out\":0,\"by_class\":{\"person\":{\"in\":1,\"out\":0}}}],"
                        + "\"zones\":[{\"name\":\"queue\",\"entries\":1,\"exits\":0,\"max_occupancy\":1,"
                        + "\"mean_dwell_s\":0.0,\"max_dwell_s\":0.0}]}");
        assertThat(AnalyticsJson.event(events.get(0))).isEqualTo("{\"frame\":1,\"pts_us\":100000,"
                + "\"type\":\"line_crossed\",\"name\":\"door\",\"track_id\":1,\"class_name\":\"person\","
                + "\"direction\":\"in\"}");
        assertThat(AnalyticsJson.event(events.get(1))).isEqualTo("{\"frame\":1,\"pts_us\":100000,"
                + "\"type\":\"zone_entered\",\"name\":\"queue\",\"track_id\":1,\"class_name\":\"person\"}");
    }

    @Test
    void refusesFramesOutOfOrder() {
        Analysis analysis = new Analysis(REQUEST);
        analysis.accept(frame(3));
        assertThatThrownBy(() -> analysis.accept(frame(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("frame 3 after frame 3: the tracks are not in frame order");
    }

    @Test
    void readsTheTracksOfALineOfTheAnnotations() {
        TrackedFrame frame = TrackedFrame.parse("{\"frame\":7,\"pts_us\":233333,\"detections\":[],\"tracks\":["
                + "{\"track_id\":3,\"box\":[10.5,20.0,30.5,60.25],\"score\":0.87,\"class_id\":2}],\"poses\":[]}");

        assertThat(frame).isEqualTo(new TrackedFrame(7, 233_333,
                List.of(new TrackPosition(3, 2, new Point(20.5, 60.25)))));
        assertThat(frame.tracks().get(0).className()).isEqualTo("car");
    }

    @Test
    void refusesALineThatIsNotAFrame() {
        assertThatThrownBy(() -> TrackedFrame.parse("{\"frame\":7}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a frame");
        assertThatThrownBy(() -> TrackedFrame.parse("{\"frame\":7,\"pts_us\":0,\"tracks\":[{\"track_id\":1}]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("box");
        assertThatThrownBy(() -> TrackedFrame.parse("{nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not JSON");
    }
}
