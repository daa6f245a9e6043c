package io.stride.annotation;

import static io.stride.annotation.ProcessorFixtures.ABANDON_AFTER;
import static io.stride.annotation.ProcessorFixtures.BATCH;
import static io.stride.annotation.ProcessorFixtures.H264;
import static io.stride.annotation.ProcessorFixtures.PAINTER;
import static io.stride.annotation.ProcessorFixtures.feed;
import static io.stride.annotation.ProcessorFixtures.greyFrame;
import static io.stride.annotation.ProcessorFixtures.listFiles;
import static io.stride.annotation.ProcessorFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stride.annotation.analytics.AnalyticsProperties;
import io.stride.annotation.analytics.KafkaLiveEvents;
import io.stride.annotation.analytics.LiveEventSink;
import io.stride.annotation.analytics.ResumableAnalytics;
import io.stride.annotation.draw.AnalyticsPainter;
import io.stride.annotation.live.LiveOutputs;
import io.stride.annotation.output.FfmpegTools;
import io.stride.annotation.output.RecordingProperties;
import io.stride.annotation.output.ResultWriters;
import io.stride.annotation.output.RollingRecordings;
import io.stride.core.analytics.Analysis;
import io.stride.core.analytics.AnalysisRequest;
import io.stride.core.analytics.AnalyticsEvent;
import io.stride.core.analytics.AnalyticsJson;
import io.stride.core.analytics.CountingLine;
import io.stride.core.analytics.LineCount;
import io.stride.core.analytics.LiveEvent;
import io.stride.core.analytics.Point;
import io.stride.core.analytics.TrackedFrame;
import io.stride.core.analytics.Zone;
import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.StageOptions;
import io.stride.core.frame.TrackedObject;
import io.stride.core.kafka.KafkaClients;
import io.stride.core.result.RecordedSegment;
import io.stride.core.result.RecordingManifest;
import io.stride.core.result.ResultFiles;
import io.stride.core.topic.TopicNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.util.unit.DataSize;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, live: a task with a line and a zone, through the processor, on a real broker. Its events reach
 * {@code stride_analytics_events} as they happen, its live analytics file is written, and both equal what the
 * backend recomputes from the JSON Lines left behind; a restart mid-task changes neither (events deduped by id).
 */
class LiveAnalyticsTest {

    private static final int FRAMES = 70;
    /** Durable points after frames 19 and 39. */
    private static final int SEGMENT_FRAMES = 20;
    /** Vertical, top to bottom: "in" is from right to left. */
    private static final AnalysisRequest REQUEST = new AnalysisRequest(
            List.of(new CountingLine("door", new Point(160, 20), new Point(160, 220))),
            List.of(new Zone("queue", List.of(new Point(40, 140), new Point(280, 140), new Point(280, 230),
                    new Point(40, 230)))));
    private static final StageOptions OPTIONS = new StageOptions(Set.of(), 0f, true, REQUEST, false);
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @AutoClose
    private static final AnnotationBroker broker = new AnnotationBroker(TopicNames.ANALYTICS_EVENTS);

    @TempDir
    Path results;
    @TempDir
    Path uninterruptedResults;

    private KafkaLiveEvents liveEvents;

    @BeforeEach
    void openEvents() {
        liveEvents = new KafkaLiveEvents(new KafkaClients(broker.kafka()), new SimpleMeterRegistry());
    }

    @AfterEach
    void closeEvents() {
        liveEvents.close();
    }

    @Test
    void eventsAndLiveAnalyticsOfARunningTaskEqualTheRecomputationFromItsJsonLines() throws Exception {
        String taskId = TopicNames.newTaskId();
        List<FrameRecord> task = publishTask(taskId);
        AnnotationProcessor processor = newProcessor();
        ResultFiles files = new ResultFiles(results);

        processor.process(task.subList(0, BATCH));
        // The clock stands still: the file written on the first frame is the latest while the task runs.
        assertThat(Files.readString(files.liveAnalytics(taskId)))
                .isEqualTo(AnalyticsJson.result(recompute(writtenLines(ResultFiles.partial(files.annotations(taskId)))
                        .subList(0, 1)).result()));
        feed(processor, task.subList(BATCH, task.size()));
        liveEvents.close();

        Analysis recomputed = recompute(writtenLines(files.annotations(taskId)));
        List<AnalyticsEvent> expected = eventsOf(writtenLines(files.annotations(taskId)));
        assertThat(expected).extracting(AnalyticsEvent::type).as("the walk has every kind of event")
                .contains("line_crossed", "zone_entered", "zone_exited");
        assertThat(expected).extracting(AnalyticsEvent::direction).contains("in", "out");

        List<LiveEvent> published = publishedEvents(taskId);
        assertThat(published).extracting(LiveEvent::event).as("each event once, in frame order")
                .containsExactlyElementsOf(expected);
        assertThat(published).allSatisfy(event -> assertThat(event.eventId())
                .isEqualTo(LiveEvent.eventId(taskId, event.frame(), indexInFrame(published, event))));
        LiveEvent lastCrossing = published.stream().filter(e -> e.type().equals("line_crossed"))
                .reduce((a, b) -> b).orElseThrow();
        LineCount door = recomputed.result().lines().get(0);
        assertThat(lastCrossing.counts()).isEqualTo(new LineCount.Crossings(door.crossedIn(), door.crossedOut()));
        assertThat(published).filteredOn(e -> e.type().startsWith("zone_")).allSatisfy(e ->
                assertThat(e.occupancy()).isEqualTo(occupancyAt(writtenLines(files.annotations(taskId)), e.frame())));

        assertThat(Files.readString(files.liveAnalytics(taskId)))
                .isEqualTo(AnalyticsJson.result(recomputed.result()));
        assertThat(listFiles(results)).containsExactlyInAnyOrder(files.video(taskId), files.annotations(taskId),
                files.liveAnalytics(taskId));
    }

    @Test
    void aRestartMidTaskGivesTheAnalyticsAndEventsOfAnUninterruptedRun() throws Exception {
        assertRestartIsExact(false);
    }

    @Test
    void aRestartWhoseStateWasNotKeptRecomputesItFromTheJsonLines() throws Exception {
        // A kill between recording the durable point and keeping the state: none kept at all here.
        assertRestartIsExact(true);
    }

    @Test
    void aCamerasRestartMidSegmentGivesTheAnalyticsAndEventsOfAnUninterruptedRun() throws Exception {
        String taskId = TopicNames.newTaskId();
        List<FrameRecord> task = publishTask(taskId).stream().map(r -> r.withOptions(OPTIONS.asLive())).toList();
        ResultFiles files = new ResultFiles(results);
        // Segments of 0.8 s: 20 frames at 25 fps, closed when frame 20, 40, 60 comes, before it is written.
        feed(newCameraProcessor(uninterruptedResults, LiveEventSink.NONE), task);
        feed(newCameraProcessor(results, liveEvents), task.subList(0, 52));
        Path state = results.resolve(taskId + ".analytics-state.part");
        assertThat(AnalyticsJson.readState(Files.readString(state)).lastFrame())
                .as("kept with the durable point of 40 frames, the one frame 40's write records").isEqualTo(39);

        feed(newCameraProcessor(results, liveEvents), task.subList(48, task.size()));
        liveEvents.close();

        List<String> lines = new ArrayList<>();
        for (RecordedSegment segment : RecordingManifest.read(files.segments(taskId)).orElseThrow().segments()) {
            lines.addAll(writtenLines(files.segments(taskId).resolve(segment.name() + ".jsonl")));
        }
        assertThat(lines).hasSize(FRAMES);
        Map<String, LiveEvent> deduped = new LinkedHashMap<>();
        publishedEvents(taskId).forEach(event -> deduped.putIfAbsent(event.eventId(), event));
        assertThat(deduped.values()).extracting(LiveEvent::event).containsExactlyElementsOf(eventsOf(lines));
        assertThat(Files.readString(files.liveAnalytics(taskId)))
                .isEqualTo(AnalyticsJson.result(recompute(lines).result()))
                .isEqualTo(Files.readString(new ResultFiles(uninterruptedResults).liveAnalytics(taskId)));
    }

    @Test
    void aTaskWithoutLinesOrZonesWritesAndPublishesNoAnalytics() throws Exception {
        String taskId = TopicNames.newTaskId();
        List<FrameRecord> task = publishTask(taskId).stream()
                .map(r -> r.withOptions(StageOptions.DEFAULT)).toList();
        feed(newProcessor(), task);
        liveEvents.close();

        ResultFiles files = new ResultFiles(results);
        assertThat(listFiles(results)).containsExactlyInAnyOrder(files.video(taskId), files.annotations(taskId));
        assertThat(publishedEvents(taskId)).isEmpty();
    }

    private void assertRestartIsExact(boolean loseTheState) throws Exception {
        String taskId = TopicNames.newTaskId();
        List<FrameRecord> task = publishTask(taskId);
        ResultFiles files = new ResultFiles(results);

        feed(newProcessor(uninterruptedResults, LiveEventSink.NONE), task);
        AnnotationProcessor killed = newProcessor();
        feed(killed, task.subList(0, 52));
        Path state = results.resolve(taskId + ".analytics-state.part");
        assertThat(state).as("kept with the durable point of 40 frames").exists();
        assertThat(AnalyticsJson.readState(Files.readString(state)).lastFrame()).isEqualTo(39);
        if (loseTheState) {
            Files.delete(state);
        }
        // The next instance meets the task at frame 48: frames 40-47 are drawn again, their events sent again.
        feed(newProcessor(), task.subList(48, task.size()));
        liveEvents.close();

        List<String> lines = writtenLines(files.annotations(taskId));
        List<LiveEvent> published = publishedEvents(taskId);
        Map<String, LiveEvent> deduped = new LinkedHashMap<>();
        published.forEach(event -> deduped.putIfAbsent(event.eventId(), event));
        List<AnalyticsEvent> expected = eventsOf(lines);
        assertThat(published.size()).as("some events sent twice").isGreaterThan(deduped.size());
        assertThat(deduped.values()).extracting(LiveEvent::event).containsExactlyElementsOf(expected);
        assertThat(deduped.values()).allSatisfy(event -> assertThat(published).filteredOn(
                e -> e.eventId().equals(event.eventId())).as("the same record each time").containsOnly(event));
        assertThat(Files.readString(files.liveAnalytics(taskId)))
                .isEqualTo(AnalyticsJson.result(recompute(lines).result()));
        assertThat(state).as("gone with the task's end").doesNotExist();
        assertThat(FfmpegTools.packetDigests(files.video(taskId))).as("counters drawn as uninterrupted")
                .hasSize(FRAMES).containsExactlyElementsOf(
                        FfmpegTools.packetDigests(new ResultFiles(uninterruptedResults).video(taskId)));
    }

    private AnnotationProcessor newProcessor() {
        return newProcessor(results, liveEvents);
    }

    private static AnnotationProcessor newProcessor(Path results, LiveEventSink liveEvents) {
        return processor(new ResultWriters(new ResultFiles(results), H264, SEGMENT_FRAMES), results, liveEvents);
    }

    private static AnnotationProcessor newCameraProcessor(Path results, LiveEventSink liveEvents) {
        var recordings = new RollingRecordings(new RecordingProperties(Duration.ofMillis(800), DataSize.ofGigabytes(1),
                Duration.ofHours(24)), Clock.fixed(NOW, ZoneOffset.UTC));
        var writers = new ResultWriters(new ResultFiles(results), H264, SEGMENT_FRAMES, taskId -> null, recordings);
        return processor(writers, results, liveEvents);
    }

    private static AnnotationProcessor processor(ResultWriters writers, Path results, LiveEventSink liveEvents) {
        var analytics = new ResumableAnalytics(new ResultFiles(results), liveEvents, new AnalyticsPainter(),
                new AnalyticsProperties(Duration.ofSeconds(1), Duration.ofSeconds(60)), Clock.fixed(NOW, ZoneOffset.UTC));
        return new AnnotationProcessor(writers, PAINTER, broker.events(), broker.earlierFrames(), LiveOutputs.NONE,
                analytics, ABANDON_AFTER, Clock.systemUTC());
    }

    /** The task's frames and its end-of-stream, on its rtmpose topic, where a restarted instance reads back. */
    private static List<FrameRecord> publishTask(String taskId) throws Exception {
        List<FrameRecord> records = task(taskId, FRAMES, i -> frame(taskId, i), OPTIONS);
        broker.publishRtmpose(taskId, records);
        return records;
    }

    /**
     * Three tracks at uneven sub-pixel positions: one walks right across the door into the queue, one sways
     * across the door and in and out of the queue, a car drives down into the queue, lost for a few frames.
     */
    private static FrameRecord frame(String taskId, int i) {
        List<TrackedObject> tracks = new ArrayList<>();
        tracks.add(track(7, 40 + 3.137f * i, 130 + 1.13f * i, 0));
        tracks.add(track(8, 160 + 50 * (float) Math.sin(i * 0.3) + 0.5f, 140 + 30 * (float) Math.cos(i * 0.2), 0));
        if (i >= 10 && i < 60 && (i < 30 || i > 35)) {
            tracks.add(track(9, 230.31f, 60 + 3.1f * (i - 10), 2));
        }
        return greyFrame(taskId, i, 40 + 2 * i, tracks);
    }

    /** A box 40.2 wide and 80.3 high whose bottom centre is about (x, y). */
    private static TrackedObject track(int id, float x, float y, int classId) {
        return new TrackedObject(id, new BoundingBox(x - 20.1f, y - 80.3f, x + 20.1f, y), 0.9f, classId);
    }

    private static List<String> writtenLines(Path annotations) throws Exception {
        return Files.readAllLines(annotations, StandardCharsets.UTF_8);
    }

    /** What the backend does with a completed task's JSON Lines. */
    private static Analysis recompute(List<String> lines) {
        Analysis analysis = new Analysis(REQUEST);
        lines.forEach(line -> analysis.accept(TrackedFrame.parse(line)));
        return analysis;
    }

    private static List<AnalyticsEvent> eventsOf(List<String> lines) {
        Analysis analysis = new Analysis(REQUEST);
        List<AnalyticsEvent> events = new ArrayList<>();
        lines.forEach(line -> events.addAll(analysis.accept(TrackedFrame.parse(line))));
        return events;
    }

    private static int occupancyAt(List<String> lines, long frame) {
        Analysis analysis = new Analysis(REQUEST);
        lines.subList(0, (int) frame + 1).forEach(line -> analysis.accept(TrackedFrame.parse(line)));
        return analysis.occupancies().get(0);
    }

    private static int indexInFrame(List<LiveEvent> events, LiveEvent event) {
        List<LiveEvent> ofFrame = events.stream().filter(e -> e.frame() == event.frame()).toList();
        return ofFrame.indexOf(event);
    }

    /** The task's records on the analytics events topic, in order, each checked to be keyed by the task. */
    private static List<LiveEvent> publishedEvents(String taskId) {
        List<LiveEvent> events = new ArrayList<>();
        for (var record : broker.records(TopicNames.ANALYTICS_EVENTS)) {
            LiveEvent event = AnalyticsJson.readLiveEvent(record.value());
            if (event.taskId().equals(taskId)) {
                assertThat(record.key()).isEqualTo(taskId);
                events.add(event);
            }
        }
        return events;
    }
}
