package io.stride.annotation;

import static io.stride.annotation.ProcessorFixtures.listFiles;
import static io.stride.annotation.ProcessorFixtures.meanAbsoluteDifference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.stride.annotation.draw.ResultPainter;
import io.stride.annotation.output.H264Settings;
import io.stride.annotation.live.LiveOutputs;
import io.stride.annotation.output.Mp4Boxes;
import io.stride.annotation.output.FrameResultsJson;
import io.stride.annotation.output.ResultWriters;
import io.stride.annotation.output.SegmentedMp4Writer;
import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.Detection;
import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.Keypoint;
import io.stride.core.frame.Pose;
import io.stride.core.frame.TrackedObject;
import io.stride.core.image.JpegCodec;
import io.stride.core.result.ResultFiles;
import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEventPublisher;
import io.stride.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The processor on the frames of a real clip, as the rtmpose stage would deliver them, with a stand-in for the
 * event publisher. The MP4 and JSON Lines it leaves are read back with FFmpeg and Jackson.
 */
class AnnotationProcessorTest {

    private static final String TASK = "0b7c6f3e-1d2a-4c5b-9e8f-7a6b5c4d3e2f";
    private static final int CLIP_FRAMES = 314;
    private static final int BATCH = 16;
    /** The 314 frames go in segments of 100, 100, 100 and 14. */
    private static final int SEGMENT_FRAMES = 100;
    private static final int JPEG_QUALITY = 90;
    /** Where the synthetic track walks: 300x500 box, top-left moving 2 px a frame from (100, 120). */
    private static final int TRACK_ID = 1;
    private static final Duration ABANDON_AFTER = Duration.ofMinutes(10);
    private static final String OTHER_TASK = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";

    private static List<FrameRecord> clip;

    @TempDir
    Path results;

    private final TaskEventPublisher events = mock(TaskEventPublisher.class);
    private final MutableClock clock = new MutableClock();
    private AnnotationProcessor processor;

    @BeforeAll
    static void decodeClip() throws Exception {
        Path video = SharedData.video(SharedData.PEOPLE_WALKING);
        List<FrameRecord> frames = new ArrayList<>();
        try (var grabber = new FFmpegFrameGrabber(video.toFile());
             var converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                Mat bgr = converter.convert(frame);
                int index = frames.size();
                frames.add(withResults(FrameRecord.frame(TASK, index, grabber.getTimestamp(), grabber.getFrameRate(),
                        grabber.getImageWidth(), grabber.getImageHeight(), JpegCodec.encode(bgr, JPEG_QUALITY))));
            }
        }
        clip = List.copyOf(frames);
    }

    @BeforeEach
    void newProcessor() {
        processor = newProcessor(results);
    }

    @AfterEach
    void closeProcessor() {
        processor.close();
    }

    @Test
    void writesTheClipFrameForFrameWithItsResults() throws Exception {
        assertThat(clip).hasSize(CLIP_FRAMES);
        List<FrameRecord> returned = new ArrayList<>();
        for (int start = 0; start < CLIP_FRAMES; start += BATCH) {
            // Every batch after the first starts with the previous batch's last three frames again.
            int from = Math.max(0, start - 3);
            List<FrameRecord> batch = new ArrayList<>(clip.subList(from, Math.min(CLIP_FRAMES, start + BATCH)));
            if (start + BATCH >= CLIP_FRAMES) {
                batch.add(endOfStream(TASK, CLIP_FRAMES));
            }
            returned.addAll(processor.process(batch));
        }

        assertThat(returned).hasSize(CLIP_FRAMES + 1);
        assertThat(returned.subList(0, CLIP_FRAMES)).extracting(FrameRecord::frameIndex)
                .containsExactlyElementsOf(frameIndices(CLIP_FRAMES));
        assertThat(returned.get(CLIP_FRAMES).isEndOfStream()).isTrue();
        var event = ArgumentCaptor.forClass(TaskEvent.class);
        verify(events).publishUntilAcknowledged(event.capture());
        assertThat(event.getValue()).extracting(TaskEvent::taskId, TaskEvent::type, TaskEvent::source,
                TaskEvent::frameCount).containsExactly(TASK, TaskEvent.Type.COMPLETED, "annotation", 314L);

        ResultFiles files = new ResultFiles(results);
        assertThat(listFiles(results)).containsExactlyInAnyOrder(files.video(TASK), files.annotations(TASK));
        assertThat(Mp4Boxes.topLevel(files.video(TASK))).as("faststart").containsSubsequence("moov", "mdat");
        assertVideoMatchesTheClip(files.video(TASK));
        assertAnnotationsListEveryFrame(files.annotations(TASK));
    }

    @Test
    void theWarmUpLeavesNoFileAndNoEventAndTheFirstTaskIsWrittenAsUsual() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> scratchBefore = warmUpDirectories(tmp);

        processor.warmUp();

        assertThat(listFiles(results)).isEmpty();
        assertThat(warmUpDirectories(tmp)).containsExactlyInAnyOrderElementsOf(scratchBefore);
        org.mockito.Mockito.verifyNoInteractions(events);
        processor.process(List.of(clip.get(0), clip.get(1), endOfStream(TASK, 2)));
        ResultFiles files = new ResultFiles(results);
        assertThat(listFiles(results)).containsExactlyInAnyOrder(files.video(TASK), files.annotations(TASK));
    }

    private static List<Path> warmUpDirectories(Path tmp) throws IOException {
        try (var entries = Files.list(tmp)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("stride-annotation-warm-up")).toList();
        }
    }

    @Test
    void redeliveredFramesAreNeitherWrittenNorReturnedAgain() throws Exception {
        assertThat(processor.process(clip.subList(0, 3))).hasSize(3);
        assertThat(processor.process(clip.subList(1, 5))).extracting(FrameRecord::frameIndex).containsExactly(3L, 4L);
        assertThat(processor.process(List.of(clip.get(2), endOfStream(TASK, 5)))).hasSize(1);

        assertThat(Files.readAllLines(new ResultFiles(results).annotations(TASK))).hasSize(5);
        assertThat(countFrames(new ResultFiles(results).video(TASK))).isEqualTo(5);
    }

    @Test
    void aMissingFrameFailsTheTaskAndItsPartialFilesAreDeleted() throws Exception {
        List<FrameRecord> withHole = Stream.concat(clip.subList(0, 4).stream(), clip.subList(5, 10).stream())
                .toList();
        processor.process(withHole);

        assertThatThrownBy(() -> processor.process(List.of(endOfStream(TASK, 10))))
                .isInstanceOf(IllegalStateException.class).hasMessage("wrote 9 of 10 frames");
        assertThat(listFiles(results)).as("partial files until the runner ends the task").hasSize(2)
                .allMatch(file -> file.getFileName().toString().endsWith(".part"));

        processor.taskEnded(TASK);
        assertThat(listFiles(results)).isEmpty();
        verify(events, never()).publishUntilAcknowledged(any());
    }

    @Test
    void endOfStreamWithoutAnyFrameHereFailsWhenTheFramesCannotBeReadBack() {
        assertThatThrownBy(() -> processor.process(List.of(endOfStream(TASK, 3))))
                .hasMessage("frames 0-2 were not received and cannot be read back");
    }

    @Test
    void aReplayAfterTheResultsWereMovedIntoPlaceOnlyRepeatsTheCompletedEvent() throws Exception {
        List<FrameRecord> task = new ArrayList<>(clip.subList(0, 6));
        task.add(endOfStream(TASK, 6));
        processor.process(task);
        ResultFiles files = new ResultFiles(results);
        byte[] video = Files.readAllBytes(files.video(TASK));
        byte[] annotations = Files.readAllBytes(files.annotations(TASK));

        // A restart before the input was committed: a new instance reads the task's tail again.
        AnnotationProcessor restarted = newProcessor(results);
        assertThat(restarted.process(task.subList(4, 7))).extracting(FrameRecord::isEndOfStream).containsExactly(true);

        verify(events, times(2)).publishUntilAcknowledged(any());
        assertThat(files.video(TASK)).hasBinaryContent(video);
        assertThat(files.annotations(TASK)).hasBinaryContent(annotations);
        assertThat(listFiles(results)).hasSize(2);
    }

    @Test
    void aTaskWithoutFramesForTooLongIsGivenUpWhenOtherWorkArrives() throws Exception {
        processor.process(clip.subList(0, 2));
        clock.advance(ABANDON_AFTER.minusSeconds(1));
        processor.process(List.of(frameOf(OTHER_TASK, 0)));
        ResultFiles files = new ResultFiles(results);
        assertThat(firstSegment(TASK)).as("idle just under the limit").exists();

        clock.advance(Duration.ofSeconds(2));
        processor.process(List.of(frameOf(OTHER_TASK, 1)));

        assertThat(firstSegment(TASK)).doesNotExist();
        assertThat(ResultFiles.partial(files.annotations(TASK))).doesNotExist();
        assertThat(firstSegment(OTHER_TASK)).as("the active task goes on").exists();
        processor.process(List.of(frameOf(OTHER_TASK, 2), endOfStream(OTHER_TASK, 3)));
        assertThat(countFrames(files.video(OTHER_TASK))).isEqualTo(3);
    }

    @Test
    void closingTheServiceDiscardsTasksWithoutAClosedSegment() throws Exception {
        processor.process(clip.subList(0, 2));
        assertThat(listFiles(results)).hasSize(2);

        processor.close();

        assertThat(listFiles(results)).isEmpty();
    }

    @Test
    void aTaskStoppedAfterAClosedSegmentIsResumedThereWithoutReadingAnyFrameBack() throws Exception {
        processor.process(clip.subList(0, 120));
        processor.close();
        assertThat(listFiles(results)).as("the durable point stays, the unfinished segment goes")
                .extracting(file -> file.getFileName().toString())
                .containsExactlyInAnyOrder(TASK + ".jsonl.part", TASK + ".resume.part", TASK + ".segment-000000.mp4.part");

        // The next instance meets the task at its last commit, frame 96: frames 96-99 are in the closed segment
        // already, and no frame needs reading back (the earlier frames are UNAVAILABLE here).
        AnnotationProcessor next = newProcessor(results);
        List<FrameRecord> rest = new ArrayList<>(clip.subList(96, CLIP_FRAMES));
        rest.add(endOfStream(TASK, CLIP_FRAMES));
        List<FrameRecord> returned = new ArrayList<>();
        for (int from = 0; from < rest.size(); from += BATCH) {
            returned.addAll(next.process(rest.subList(from, Math.min(rest.size(), from + BATCH))));
        }

        assertThat(returned.subList(0, returned.size() - 1)).extracting(FrameRecord::frameIndex)
                .containsExactlyElementsOf(LongStream.range(100, CLIP_FRAMES).boxed().toList());
        ResultFiles files = new ResultFiles(results);
        assertThat(listFiles(results)).containsExactlyInAnyOrder(files.video(TASK), files.annotations(TASK));
        assertVideoMatchesTheClip(files.video(TASK));
        assertThat(Files.readString(files.annotations(TASK))).as("as an uninterrupted run writes them")
                .isEqualTo(clip.stream().map(frame -> FrameResultsJson.line(frame) + "\n").collect(Collectors.joining()));
    }

    /** Where a running task's video is written until a segment is full. */
    private Path firstSegment(String taskId) {
        return SegmentedMp4Writer.segmentPath(results, taskId, 0);
    }

    private AnnotationProcessor newProcessor(Path directory) {
        return new AnnotationProcessor(new ResultWriters(new ResultFiles(directory), new H264Settings("veryfast", 23, 1.0),
                        SEGMENT_FRAMES),
                new ResultPainter(0.3f, Set.of(0)), events, EarlierFrames.UNAVAILABLE, LiveOutputs.NONE,
                ABANDON_AFTER, clock);
    }

    /** A track walking right and down, its pose, the person's detection and a parked car. */
    private static FrameRecord withResults(FrameRecord frame) {
        float x = 100 + 2 * frame.frameIndex();
        float y = 120 + frame.frameIndex();
        var box = new BoundingBox(x, y, x + 300, y + 500);
        List<Keypoint> keypoints = IntStream.range(0, 17)
                .mapToObj(k -> new Keypoint(x + 150 + (k % 2 == 0 ? 40 : -40), y + 20 + 28 * k, k < 15 ? 0.9f : 0.1f))
                .toList();
        return frame
                .withDetections(List.of(new Detection(box, 0.91f, 0),
                        new Detection(new BoundingBox(900, 500, 1200, 650), 0.75f, 2)))
                .withTracks(List.of(new TrackedObject(TRACK_ID, box, 0.91f, 0)))
                .withPoses(List.of(new Pose(TRACK_ID, keypoints)));
    }

    /** Frame {@code index} of the clip as a frame of another task. */
    private static FrameRecord frameOf(String taskId, int index) {
        FrameRecord f = clip.get(index);
        return new FrameRecord(taskId, f.frameIndex(), f.ptsMicros(), f.fps(), f.width(), f.height(), f.frameCount(),
                f.jpeg(), f.detections(), f.tracks(), f.poses());
    }

    private static FrameRecord endOfStream(String taskId, int frameCount) {
        FrameRecord first = clip.get(0);
        return FrameRecord.endOfStream(taskId, frameCount, first.fps(), first.width(), first.height());
    }

    private void assertVideoMatchesTheClip(Path video) throws Exception {
        try (var grabber = new FFmpegFrameGrabber(video.toFile());
             var converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            assertThat(grabber.getImageWidth()).isEqualTo(1280);
            assertThat(grabber.getImageHeight()).isEqualTo(720);
            assertThat(grabber.getFrameRate()).isCloseTo(29.97, offset(0.01));
            int count = 0;
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                if (count == 200) {
                    // The 200th output frame is the 200th input frame: far from any drawing they look the
                    // same, and the track's label has been drawn where the synthetic track is on that frame.
                    Mat output = converter.convert(frame);
                    try (Mat input = JpegCodec.decode(clip.get(200).jpeg())) {
                        assertThat(meanAbsoluteDifference(output, input, 20, 20, 80, 80))
                                .as("untouched corner").isLessThan(6.0);
                        int labelLeft = 100 + 2 * 200;
                        int labelBottom = 120 + 200;
                        assertThat(meanAbsoluteDifference(output, input, labelLeft, labelBottom - 16, labelLeft + 20,
                                labelBottom)).as("track label").isGreaterThan(30.0);
                    }
                }
                count++;
            }
            assertThat(count).isEqualTo(CLIP_FRAMES);
        }
    }

    private static void assertAnnotationsListEveryFrame(Path annotations) throws Exception {
        List<String> lines = Files.readAllLines(annotations);
        assertThat(lines).hasSize(CLIP_FRAMES);
        JsonMapper json = JsonMapper.builder().build();
        for (int i = 0; i < CLIP_FRAMES; i++) {
            JsonNode line = json.readTree(lines.get(i));
            assertThat(line.get("frame").asLong()).isEqualTo(i);
            assertThat(line.get("pts_us").asLong()).isEqualTo(clip.get(i).ptsMicros());
            assertThat(line.get("tracks").get(0).get("track_id").asInt()).isEqualTo(TRACK_ID);
            assertThat(line.get("detections")).hasSize(2);
            assertThat(line.get("detections").get(1).get("class_name").asString()).isEqualTo("car");
            assertThat(line.get("poses").get(0).get("keypoints")).hasSize(17);
        }
        JsonNode last = json.readTree(lines.get(CLIP_FRAMES - 1));
        assertThat(last.get("tracks").get(0).get("box").get(0).asDouble()).isEqualTo(100 + 2 * 313.0);
    }

    private static int countFrames(Path video) throws Exception {
        try (var grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.start();
            int count = 0;
            while (grabber.grabImage() != null) {
                count++;
            }
            return count;
        }
    }

    private static List<Long> frameIndices(int n) {
        return java.util.stream.LongStream.range(0, n).boxed().toList();
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
