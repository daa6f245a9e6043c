package io.stride.bytetrack.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.Detection;
import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.StageOptions;
import io.stride.core.frame.TrackedObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ByteTrackProcessorTest {

    private static final String TASK_A = "3f2a0c1e-0000-4000-8000-00000000000a";
    private static final String TASK_B = "3f2a0c1e-0000-4000-8000-00000000000b";
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, 1, 2, 3};
    private static final int PERSON = 0;
    private static final int CAR = 2;

    private final ByteTrackProcessor processor = new ByteTrackProcessor(properties(List.of(PERSON)));

    @Test
    void addsTracksAndForwardsEverythingElseUntouched() {
        FrameRecord input = frame(TASK_A, 0, 30, person(100, 0.9f));

        List<FrameRecord> out = processor.process(List.of(input));

        assertThat(out).hasSize(1);
        FrameRecord record = out.get(0);
        assertThat(record.tracks()).containsExactly(
                new TrackedObject(1, new BoundingBox(100, 100, 150, 250), 0.9f, PERSON));
        assertThat(record.jpeg()).isSameAs(input.jpeg());
        assertThat(record.detections()).isEqualTo(input.detections());
        assertThat(record.frameIndex()).isZero();
        assertThat(record.taskId()).isEqualTo(TASK_A);
    }

    @Test
    void tracksWithoutEverFetchingImages() {
        assertThat(processor.needsImages(io.stride.core.frame.StageOptions.DEFAULT)).isFalse();
    }

    @Test
    void eachTaskHasItsOwnTrackerWithIdsFromOne() {
        List<FrameRecord> out = processor.process(List.of(
                frame(TASK_A, 0, 30, person(100, 0.9f), person(400, 0.9f)),
                frame(TASK_B, 0, 30, person(700, 0.9f))));

        assertThat(ids(out.get(0))).containsExactly(1, 2);
        assertThat(ids(out.get(1))).containsExactly(1);
        assertThat(processor.activeTasks()).isEqualTo(2);
    }

    @Test
    void tracksOnlyTheConfiguredClasses() {
        FrameRecord mixed = frame(TASK_A, 0, 30, person(100, 0.9f),
                new Detection(new BoundingBox(400, 100, 450, 250), 0.9f, CAR));

        assertThat(processor.process(List.of(mixed)).get(0).tracks())
                .extracting(TrackedObject::classId).containsExactly(PERSON);
        ByteTrackProcessor cars = new ByteTrackProcessor(properties(List.of(PERSON, CAR)));
        assertThat(cars.process(List.of(mixed)).get(0).tracks())
                .extracting(TrackedObject::classId).containsExactly(PERSON, CAR);
    }

    @Test
    void aRedeliveredFrameGetsItsEarlierTracksWithoutAdvancingTheTracker() {
        List<FrameRecord> walk = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            walk.add(frame(TASK_A, i, 30, person(100 + 8 * i, 0.9f)));
        }
        ByteTrackProcessor reference = new ByteTrackProcessor(properties(List.of(PERSON)));
        List<FrameRecord> expected = reference.process(walk);

        List<FrameRecord> out = new ArrayList<>(processor.process(walk.subList(0, 4)));
        // The consumer restarted from an older commit: frames 2 and 3 come again, then the rest.
        out.addAll(processor.process(walk.subList(2, 6)));

        assertThat(out.subList(4, 6)).isEqualTo(List.of(expected.get(2), expected.get(3)));
        assertThat(out.subList(6, 8)).isEqualTo(List.of(expected.get(4), expected.get(5)));
    }

    @Test
    void endOfStreamPassesThroughAndTaskEndedDropsTheTracker() {
        FrameRecord end = FrameRecord.endOfStream(TASK_A, 1, 30, 1280, 720);

        List<FrameRecord> out = processor.process(List.of(frame(TASK_A, 0, 30, person(100, 0.9f)), end));

        assertThat(out.get(1)).isSameAs(end);
        assertThat(processor.activeTasks()).isEqualTo(1);
        processor.taskEnded(TASK_A);
        assertThat(processor.activeTasks()).isZero();
    }

    @Test
    void theLostTrackBufferFollowsTheTasksFrameRate() {
        // A 15-frame gap: kept at 30 fps (buffer 30), too long at 10 fps (buffer int(10/30·30) = 10).
        assertThat(idsAfterGap(TASK_A, 30)).containsExactly(1);
        assertThat(idsAfterGap(TASK_B, 10)).containsExactly(2);
    }

    @Test
    void aRecordWithoutFrameRateUsesTheFallback() {
        assertThat(idsAfterGap(TASK_A, 0)).containsExactly(1);
    }

    private List<Integer> idsAfterGap(String task, double fps) {
        List<FrameRecord> frames = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            boolean hidden = i >= 10 && i < 25;
            frames.add(hidden ? frame(task, i, fps) : frame(task, i, fps, person(100 + 2 * i, 0.9f)));
        }
        List<FrameRecord> out = processor.process(frames);
        return ids(out.get(39));
    }

    private static ByteTrackProperties properties(List<Integer> classes) {
        return new ByteTrackProperties(classes, 0.5, 0.1, 0.1, 0.8, 0.5, 0.7, 30, 0.15, true, 10, 1.6,
                1.0 / 20, 1.0 / 160, 30, 256, Duration.ofSeconds(60), 150);
    }

    @Test
    void aLiveTasksLostTrackIsKeptForTheBuffersTimeNotItsFrameCount() {
        // Frames 0..9 of a camera at 30 fps, the person missed in frame 10 and next seen in frame 11 (dropped
        // frames between): 1.2 s later is past the 1 s buffer, 0.9 s later is not. A file's task counts frames.
        assertThat(ids(seenAgainAfter(1_200_000, true))).as("camera, 1.2 s later: a new, unconfirmed track").isEmpty();
        assertThat(ids(seenAgainAfter(900_000, true))).as("camera, 0.9 s later").containsExactly(1);
        assertThat(ids(seenAgainAfter(1_200_000, false))).as("file, the next frame").containsExactly(1);
    }

    private static FrameRecord seenAgainAfter(long gapMicros, boolean live) {
        ByteTrackProcessor tracking = new ByteTrackProcessor(properties(List.of(PERSON)));
        StageOptions options = live ? StageOptions.DEFAULT.asLive() : StageOptions.DEFAULT;
        List<FrameRecord> frames = new ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            frames.add(frame(TASK_A, i, 30, i < 10 ? new Detection[] {person(100, 0.9f)} : new Detection[0]));
        }
        frames.add(FrameRecord.frame(TASK_A, 11, 9 * 33_333 + gapMicros, 30, 1280, 720, JPEG)
                .withDetections(List.of(person(100, 0.9f))));
        List<FrameRecord> out = tracking.process(frames.stream().map(f -> f.withOptions(options)).toList());
        return out.get(11);
    }

    private static FrameRecord frame(String task, long index, double fps, Detection... detections) {
        return FrameRecord.frame(task, index, index * 33_333, fps, 1280, 720, JPEG).withDetections(List.of(detections));
    }

    private static Detection person(float x, float score) {
        return new Detection(new BoundingBox(x, 100, x + 50, 250), score, PERSON);
    }

    private static List<Integer> ids(FrameRecord record) {
        return record.tracks().stream().map(TrackedObject::trackId).toList();
    }
}
