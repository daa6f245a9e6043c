package io.stride.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.stride.annotation.draw.ResultPainter;
import io.stride.annotation.live.LiveOutputs;
import io.stride.annotation.output.H264Settings;
import io.stride.annotation.output.PacketSink;
import io.stride.annotation.output.RecordingProperties;
import io.stride.annotation.output.ResultWriters;
import io.stride.annotation.output.RollingRecordings;
import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.StageOptions;
import io.stride.core.image.JpegCodec;
import io.stride.core.result.RecordedSegment;
import io.stride.core.result.RecordingManifest;
import io.stride.core.result.ResultFiles;
import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEventPublisher;
import io.stride.core.topic.TopicNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.springframework.util.unit.DataSize;

/**
 * A live task's frames (a camera's: a nominal 10 fps, then "source unavailable" stills at 2 fps, then 10 fps
 * again) through the processor, with segments of 1 s by the frames' timestamps: standalone MP4s that play at
 * the frames' own times, each with its JSON Lines, every frame once across them, the oldest deleted beyond the
 * byte limit, and a restart mid-segment that rewrites only the unfinished one.
 */
class LiveRecordingTest {

    private static final int WIDTH = 160;
    private static final int HEIGHT = 120;
    private static final double FPS = 10;
    private static final int FRAMES = 45;
    /**
     * Frames 0-19 every 100 ms from 0, 20-29 every 500 ms from 2 s (stills), 30-44 every 100 ms from 7 s. Cut
     * by 1 s: 0-9, 10-19, then the stills two by two (20-21 … 28-29), then 30-39 and 40-44 (closed at the end).
     */
    private static final List<Long> SEGMENT_STARTS = List.of(0L, 10L, 20L, 22L, 24L, 26L, 28L, 30L, 40L);
    private static final Pattern FRAME = Pattern.compile("^\\{\"frame\":(\\d+),\"pts_us\":(\\d+),");
    private static final ResultPainter PAINTER = new ResultPainter(0.3f, Set.of(0));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path results;

    private final TaskEventPublisher events = mock(TaskEventPublisher.class);
    private final String taskId = TopicNames.newTaskId();
    private final List<FrameRecord> frames = cameraFrames(taskId);

    @Test
    void aCamerasFramesBecomeClosedStandaloneSegmentsCutByTime() throws Exception {
        AnnotationProcessor processor = newProcessor(DataSize.ofGigabytes(1));
        feed(processor, frames);
        processor.process(List.of(endOfStream()));
        processor.close();

        Path segments = new ResultFiles(results).segments(taskId);
        RecordingManifest manifest = RecordingManifest.read(segments).orElseThrow();
        assertThat(manifest.complete()).isTrue();
        assertThat(manifest.segments()).extracting(RecordedSegment::startFrame)
                .containsExactlyElementsOf(SEGMENT_STARTS);
        assertThat(manifest.segments()).extracting(RecordedSegment::name)
                .containsExactly("000001", "000002", "000003", "000004", "000005", "000006", "000007", "000008",
                        "000009");
        // Stills 500 ms apart: two a segment, 500 ms plus the last one's nominal 100 ms.
        assertThat(manifest.segments().get(2).durationUs()).isEqualTo(600_000);
        assertThat(manifest.segments().get(2).startPtsUs()).isEqualTo(2_000_000);
        assertThat(filesIn(segments)).as("no partial file left, nothing joined")
                .containsExactlyInAnyOrderElementsOf(expectedFiles(manifest));
        assertEveryFrameOnceInOrder(segments, manifest, 0);
        assertThat(results.resolve(taskId + ".mp4")).doesNotExist();
        assertCompletedOnce();
    }

    @Test
    void theRestreamGetsEveryFrameOnceAcrossSegmentsTimedByTheCamera() throws Exception {
        List<Long> packetTimes = new ArrayList<>();
        List<Boolean> keyframes = new ArrayList<>();
        int[] ends = {0};
        LiveOutputs restream = (id, format, live) -> {
            assertThat(live).as("a camera's restream goes out as it comes").isTrue();
            assertThat(format.timeBase().num()).isEqualTo(1);
            assertThat(format.timeBase().den()).as("microseconds").isEqualTo(1_000_000);
            format.close();
            return new PacketSink() {
                @Override
                public void accept(AVPacket packet, AVRational timeBase) {
                    packetTimes.add(packet.pts());
                    keyframes.add((packet.flags() & AV_PKT_FLAG_KEY) != 0);
                }

                @Override
                public void end() {
                    ends[0]++;
                }
            };
        };
        AnnotationProcessor processor = newProcessor(DataSize.ofGigabytes(1), restream);
        feed(processor, frames);
        processor.process(List.of(endOfStream()));

        assertThat(packetTimes).as("one packet a frame, on the camera's clock from the first")
                .containsExactlyElementsOf(frames.stream().map(FrameRecord::ptsMicros).toList());
        assertThat(keyframes.get(0)).isTrue();
        assertThat(ends[0]).isEqualTo(1);
    }

    @Test
    void theOldestSegmentsGoWhileTheRecordingIsOverItsByteLimit() throws Exception {
        // Measured on an unlimited run: the limit holds the last three segments, not the fourth from last.
        AnnotationProcessor unlimited = newProcessor(DataSize.ofGigabytes(1));
        feed(unlimited, frames);
        unlimited.process(List.of(endOfStream()));
        List<RecordedSegment> all = RecordingManifest.read(new ResultFiles(results).segments(taskId))
                .orElseThrow().segments();
        long lastThree = all.subList(6, 9).stream().mapToLong(RecordedSegment::bytes).sum();
        long lastFour = lastThree + all.get(5).bytes();
        assertThat(lastFour).isGreaterThan(lastThree);

        String limitedTask = TopicNames.newTaskId();
        AnnotationProcessor limited = newProcessor(DataSize.ofBytes(lastThree + (lastFour - lastThree) / 2));
        feed(limited, cameraFrames(limitedTask));
        limited.process(List.of(endOfStream(limitedTask)));

        Path segments = new ResultFiles(results).segments(limitedTask);
        RecordingManifest manifest = RecordingManifest.read(segments).orElseThrow();
        assertThat(manifest.segments()).extracting(RecordedSegment::name).containsExactly("000007", "000008", "000009");
        assertThat(filesIn(segments)).as("the oldest segments' files are deleted with them")
                .containsExactlyInAnyOrderElementsOf(expectedFiles(manifest));
        assertThat(manifest.nextFrame()).isEqualTo(FRAMES);
        assertEveryFrameOnceInOrder(segments, manifest, 28);
    }

    @Test
    void aRestartMidSegmentRewritesOnlyTheUnfinishedSegment() throws Exception {
        AnnotationProcessor killed = newProcessor(DataSize.ofGigabytes(1));
        // Killed in segment 8 (frames 30-39) at frame 34: segments 1-7, frames 0-29, are closed.
        feed(killed, frames.subList(0, 35));
        Path segments = new ResultFiles(results).segments(taskId);
        assertThat(RecordingManifest.read(segments).orElseThrow().nextFrame()).isEqualTo(30);
        assertThat(segments.resolve("000008.mp4.part")).exists();

        // The next instance meets the task at its predecessor's last commit, frame 33: it reads back 30-32.
        AnnotationProcessor restarted = newProcessor(DataSize.ofGigabytes(1));
        feed(restarted, frames.subList(33, FRAMES));
        restarted.process(List.of(endOfStream()));

        RecordingManifest manifest = RecordingManifest.read(segments).orElseThrow();
        assertThat(manifest.segments()).extracting(RecordedSegment::startFrame)
                .containsExactlyElementsOf(SEGMENT_STARTS);
        assertThat(filesIn(segments)).containsExactlyInAnyOrderElementsOf(expectedFiles(manifest));
        assertEveryFrameOnceInOrder(segments, manifest, 0);
        assertCompletedOnce();
        killed.close();
        assertThat(filesIn(segments)).as("the killed instance deletes nothing of the new owner's")
                .containsExactlyInAnyOrderElementsOf(expectedFiles(manifest));
    }

    private void assertCompletedOnce() {
        var event = ArgumentCaptor.forClass(TaskEvent.class);
        verify(events).publishUntilAcknowledged(event.capture());
        assertThat(event.getValue()).extracting(TaskEvent::taskId, TaskEvent::type, TaskEvent::frameCount)
                .containsExactly(taskId, TaskEvent.Type.COMPLETED, (long) FRAMES);
    }

    /**
     * Each segment's MP4 plays alone, as many frames as its JSON Lines has lines, at the frames' own times from
     * its start; together the segments hold the frames {@code firstFrame..FRAMES-1} once each, in order.
     */
    private void assertEveryFrameOnceInOrder(Path segments, RecordingManifest manifest, long firstFrame)
            throws Exception {
        List<Long> seen = new ArrayList<>();
        for (RecordedSegment segment : manifest.segments()) {
            List<String> lines = Files.readAllLines(segment.annotations(segments));
            List<Long> lineFrames = new ArrayList<>();
            List<Long> expectedTimes = new ArrayList<>();
            for (String line : lines) {
                Matcher frame = FRAME.matcher(line);
                assertThat(frame.find()).as(line).isTrue();
                lineFrames.add(Long.parseLong(frame.group(1)));
                expectedTimes.add(Long.parseLong(frame.group(2)) - segment.startPtsUs());
            }
            assertThat(lineFrames).hasSize((int) segment.frames()).first().isEqualTo(segment.startFrame());
            assertThat(videoTimes(segment.video(segments))).as("segment %s plays its frames at their times",
                    segment.name()).containsExactlyElementsOf(expectedTimes);
            assertThat(Files.size(segment.video(segments))).isEqualTo(segment.videoBytes());
            seen.addAll(lineFrames);
        }
        assertThat(seen).containsExactlyElementsOf(LongStream.range(firstFrame, FRAMES).boxed().toList());
    }

    /** The timestamp of every frame of an MP4, decoded on its own (µs). */
    private static List<Long> videoTimes(Path video) throws Exception {
        List<Long> times = new ArrayList<>();
        try (var grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.start();
            assertThat(grabber.getImageWidth()).isEqualTo(WIDTH);
            while (grabber.grabImage() != null) {
                times.add(grabber.getTimestamp());
            }
        }
        return times;
    }

    private static List<Path> expectedFiles(RecordingManifest manifest) {
        return Stream.concat(Stream.of(Path.of(RecordingManifest.FILE)), manifest.segments().stream()
                        .flatMap(segment -> Stream.of(Path.of(segment.name() + ".mp4"), Path.of(segment.name() + ".jsonl"))))
                .toList();
    }

    private static List<Path> filesIn(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(Path::getFileName).toList();
        }
    }

    private AnnotationProcessor newProcessor(DataSize maxBytes) {
        return newProcessor(maxBytes, LiveOutputs.NONE);
    }

    private AnnotationProcessor newProcessor(DataSize maxBytes, LiveOutputs restream) {
        var recordings = new RollingRecordings(
                new RecordingProperties(Duration.ofSeconds(1), maxBytes, Duration.ofHours(24)), CLOCK);
        var writers = new ResultWriters(new ResultFiles(results), new H264Settings("ultrafast", 23, 1.0), 300,
                id -> null, recordings);
        EarlierFrames earlier = (id, fromFrame, untilFrame, sink) ->
                frames.subList((int) fromFrame, (int) untilFrame).forEach(sink);
        return new AnnotationProcessor(writers, PAINTER, events, earlier, restream, Duration.ofMinutes(10), CLOCK);
    }

    private static void feed(AnnotationProcessor processor, List<FrameRecord> records) throws Exception {
        for (int from = 0; from < records.size(); from += 4) {
            processor.process(records.subList(from, Math.min(records.size(), from + 4)));
        }
    }

    private FrameRecord endOfStream() {
        return endOfStream(taskId);
    }

    private static FrameRecord endOfStream(String taskId) {
        return FrameRecord.endOfStream(taskId, FRAMES, FPS, WIDTH, HEIGHT).withOptions(StageOptions.DEFAULT.asLive());
    }

    private static List<FrameRecord> cameraFrames(String taskId) {
        List<FrameRecord> frames = new ArrayList<>();
        for (int index = 0; index < FRAMES; index++) {
            try (Mat image = new Mat(HEIGHT, WIDTH, CV_8UC3, new Scalar(index * 5, 255 - index * 5, 128, 0))) {
                frames.add(FrameRecord.frame(taskId, index, ptsMicros(index), FPS, WIDTH, HEIGHT,
                        JpegCodec.encode(image, 90)).withOptions(StageOptions.DEFAULT.asLive()));
            }
        }
        return frames;
    }

    private static long ptsMicros(int index) {
        if (index < 20) {
            return index * 100_000L;
        }
        if (index < 30) {
            return 2_000_000L + (index - 20) * 500_000L;
        }
        return 7_000_000L + (index - 30) * 100_000L;
    }
}
