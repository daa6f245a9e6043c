package io.stride.core.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stride.core.analytics.AnalysisRequest;
import io.stride.core.analytics.CountingLine;
import io.stride.core.analytics.Point;
import io.stride.core.analytics.Zone;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FrameRecordCodecTest {

    private static final String TASK = "0f8fad5b-d9cb-469f-a165-70867728950e";

    @Test
    void roundTripsEveryField() {
        byte[] jpeg = {(byte) 0xff, (byte) 0xd8, 1, 2, 3, (byte) 0xff, (byte) 0xd9};
        var record = FrameRecord.frame(TASK, 41, 1_368_033, 29.97, 1280, 720, jpeg)
                .withDetections(List.of(new Detection(new BoundingBox(1.5f, 2.5f, 100f, 200f), 0.91f, 0),
                        new Detection(new BoundingBox(10f, 20f, 30f, 40f), 0.3f, 56)))
                .withTracks(List.of(new TrackedObject(7, new BoundingBox(1f, 2f, 3f, 4f), 0.8f, 0)))
                .withPoses(List.of(new Pose(7, List.of(new Keypoint(12.25f, 13.5f, 0.75f), new Keypoint(0f, 0f, 0f)))));

        FrameRecord decoded = FrameRecordCodec.decode(FrameRecordCodec.encode(record));

        assertThat(decoded.taskId()).isEqualTo(TASK);
        assertThat(decoded.frameIndex()).isEqualTo(41);
        assertThat(decoded.ptsMicros()).isEqualTo(1_368_033);
        assertThat(decoded.fps()).isEqualTo(29.97);
        assertThat(decoded.width()).isEqualTo(1280);
        assertThat(decoded.height()).isEqualTo(720);
        assertThat(decoded.isEndOfStream()).isFalse();
        assertThat(decoded.jpeg()).containsExactly(jpeg);
        assertThat(decoded.detections()).isEqualTo(record.detections());
        assertThat(decoded.tracks()).isEqualTo(record.tracks());
        assertThat(decoded.poses()).isEqualTo(record.poses());
        assertThat(decoded.imageOffset()).isEqualTo(-1);
    }

    @Test
    void roundTripsTheTasksStageOptions() {
        var analysis = new AnalysisRequest(
                List.of(new CountingLine("door", new Point(10, 20.5), new Point(300, 20.5))),
                List.of(new Zone("queue", List.of(new Point(0, 0), new Point(50, 0), new Point(25, 40)))));
        var options = new StageOptions(Set.of(2, 0, 7), 0.35f, false, analysis, true);
        var record = FrameRecord.frame(TASK, 3, 120_000, 25, 640, 360, new byte[] {1}).withOptions(options)
                .withDetections(List.of(new Detection(new BoundingBox(1f, 2f, 3f, 4f), 0.5f, 2)));

        FrameRecord decoded = FrameRecordCodec.decode(FrameRecordCodec.encode(record));

        assertThat(decoded.options()).isEqualTo(options);
        assertThat(decoded.withDetections(List.of()).options()).as("kept by every wither").isEqualTo(options);
        assertThat(FrameRecordCodec.decode(FrameRecordCodec.encode(FrameRecord.frame(TASK, 0, 0, 25, 2, 2,
                new byte[] {1}))).options()).isEqualTo(StageOptions.DEFAULT);
    }

    @Test
    void aRecordOfThePreviousVersionIsReadWithTheDefaultOptions() {
        var record = FrameRecord.frame(TASK, 5, 200_000, 25, 640, 360, new byte[] {7, 8})
                .withTracks(List.of(new TrackedObject(3, new BoundingBox(1f, 2f, 3f, 4f), 0.8f, 0)));
        // Version 2 is this layout without the options: pose flag, score, an empty class list, the live flag and
        // empty lines and zones, 18 bytes, just before the JPEG's length and its 2 bytes.
        FrameRecord decoded = FrameRecordCodec.decode(withoutOptionBytes(FrameRecordCodec.encode(record), 18, 2));

        assertThat(decoded.options()).isEqualTo(StageOptions.DEFAULT);
        assertThat(decoded.tracks()).isEqualTo(record.tracks());
        assertThat(decoded.jpeg()).containsExactly(7, 8);
    }

    @Test
    void aRecordOfVersionThreeIsReadAsAFilesTaskThatCountsNothing() {
        var options = new StageOptions(Set.of(0), 0.5f, false);
        var record = FrameRecord.frame(TASK, 5, 200_000, 25, 640, 360, new byte[] {7, 8}).withOptions(options);
        // Version 3 ends the options with the class ids: no live flag, no line or zone counts (9 bytes).
        FrameRecord decoded = FrameRecordCodec.decode(withoutOptionBytes(FrameRecordCodec.encode(record), 9, 3));

        assertThat(decoded.options()).isEqualTo(options);
        assertThat(decoded.jpeg()).containsExactly(7, 8);
    }

    /** The record without the last {@code count} bytes of its options, marked as {@code version}. */
    private static byte[] withoutOptionBytes(byte[] current, int count, int version) {
        int cutAt = current.length - 2 - Integer.BYTES - count;
        byte[] previous = new byte[current.length - count];
        System.arraycopy(current, 0, previous, 0, cutAt);
        System.arraycopy(current, cutAt + count, previous, cutAt, current.length - cutAt - count);
        previous[1] = (byte) version;
        return previous;
    }

    @Test
    void recordWithoutItsImageKeepsWhereTheImageIs() {
        var record = FrameRecord.frame(TASK, 7, 280_000, 25, 640, 360, new byte[] {1, 2, 3}).withImageOffset(1234).withoutImage()
                .withTracks(List.of(new TrackedObject(3, new BoundingBox(1f, 2f, 3f, 4f), 0.8f, 0)));

        FrameRecord decoded = FrameRecordCodec.decode(FrameRecordCodec.encode(record));

        assertThat(decoded.hasImage()).isFalse();
        assertThat(decoded.imageOffset()).isEqualTo(1234);
        assertThat(decoded.tracks()).isEqualTo(record.tracks());
        assertThat(decoded.withImage(new byte[] {9}).jpeg()).containsExactly(9);
        assertThat(decoded.withImage(new byte[] {9}).imageOffset()).isEqualTo(1234);
    }

    @Test
    void roundTripsEndOfStream() {
        FrameRecord decoded = FrameRecordCodec.decode(FrameRecordCodec.encode(
                FrameRecord.endOfStream(TASK, 314, 29.97, 1280, 720)));

        assertThat(decoded.isEndOfStream()).isTrue();
        assertThat(decoded.frameCount()).isEqualTo(314);
        assertThat(decoded.jpeg()).isEmpty();
    }

    @Test
    void rejectsOtherSchemaVersions() {
        byte[] bytes = FrameRecordCodec.encode(FrameRecord.endOfStream(TASK, 1, 25, 2, 2));
        bytes[1] = 1;

        assertThatThrownBy(() -> FrameRecordCodec.decode(bytes))
                .isInstanceOf(FrameFormatException.class)
                .hasMessage("frame record schema version 1 is not supported (expected 4)");
    }

    @Test
    void rejectsForeignBytes() {
        assertThatThrownBy(() -> FrameRecordCodec.decode("{\"json\":1}".getBytes()))
                .isInstanceOf(FrameFormatException.class)
                .hasMessage("not a frame record: bad magic byte 0x7b");
    }

    @Test
    void rejectsTruncatedRecordsWithoutHugeAllocations() {
        byte[] full = FrameRecordCodec.encode(FrameRecord.frame(TASK, 0, 0, 25, 2, 2, new byte[1000]));

        assertThatThrownBy(() -> FrameRecordCodec.decode(Arrays.copyOf(full, full.length - 10)))
                .isInstanceOf(FrameFormatException.class)
                .hasMessage("corrupt frame record: 1000 JPEG bytes need at least 1000 bytes, 990 are left");
    }

    @Test
    void aForgedHugeCountFailsBeforeAnythingIsAllocatedForIt() {
        byte[] forged = withInt(FrameRecordCodec.encode(FrameRecord.frame(TASK, 0, 0, 25, 2, 2, new byte[8])),
                DETECTION_COUNT_OFFSET, Integer.MAX_VALUE);

        assertThatThrownBy(() -> FrameRecordCodec.decode(forged))
                .isInstanceOf(FrameFormatException.class)
                .hasMessage("corrupt frame record: 2147483647 detections need at least 51539607528 bytes, 46 are left");
    }

    @Test
    void aCountIsCheckedAgainstTheSizeOfWhatItCountsNotJustTheBytesLeft() {
        // Before the element size was checked, a count up to the bytes left passed: here a list of a million
        // entries (4 MiB or more of references) allocated for a record of 1 MiB, before reading ran out.
        byte[] record = FrameRecordCodec.encode(FrameRecord.frame(TASK, 0, 0, 25, 2, 2, new byte[1 << 20]));
        byte[] forged = withInt(record, DETECTION_COUNT_OFFSET, 1_000_000);

        var failure = new Throwable[1];
        long allocated = allocatedBytes(() -> failure[0] = catchThrowable(() -> FrameRecordCodec.decode(forged)));

        assertThat(failure[0]).isInstanceOf(FrameFormatException.class)
                .hasMessage("corrupt frame record: 1000000 detections need at least 24000000 bytes, 1048614 are left");
        assertThat(allocated).as("bytes allocated while decoding").isLessThan(forged.length);
    }

    @Test
    void negativeAndOversizedCountsOfEveryKindAreRefused() {
        byte[] record = FrameRecordCodec.encode(FrameRecord.frame(TASK, 0, 0, 25, 2, 2, new byte[8]));
        int tracksOffset = DETECTION_COUNT_OFFSET + Integer.BYTES;
        int posesOffset = tracksOffset + Integer.BYTES;
        int classIdsOffset = posesOffset + Integer.BYTES + Long.BYTES + 1 + Float.BYTES;
        int linesOffset = classIdsOffset + Integer.BYTES + 1;
        int zonesOffset = linesOffset + Integer.BYTES;
        int jpegLengthOffset = zonesOffset + Integer.BYTES;

        assertThatThrownBy(() -> FrameRecordCodec.decode(withInt(record, DETECTION_COUNT_OFFSET, -1)))
                .isInstanceOf(FrameFormatException.class)
                .hasMessage("corrupt frame record: negative count of detections (-1)");
        assertThatThrownBy(() -> FrameRecordCodec.decode(withInt(record, tracksOffset, 2)))
                .isInstanceOf(FrameFormatException.class)
                .hasMessage("corrupt frame record: 2 tracks need at least 56 bytes, 42 are left");
        assertThatThrownBy(() -> FrameRecordCodec.decode(withInt(record, posesOffset, 5)))
                .isInstanceOf(FrameFormatException.class)
                .hasMessage("corrupt frame record: 5 poses need at least 40 bytes, 38 are left");
        assertThatThrownBy(() -> FrameRecordCodec.decode(withInt(record, classIdsOffset, 6)))
                .isInstanceOf(FrameFormatException.class)
                .hasMessage("corrupt frame record: 6 class ids need at least 24 bytes, 21 are left");
        assertThatThrownBy(() -> FrameRecordCodec.decode(withInt(record, linesOffset, 1)))
                .isInstanceOf(FrameFormatException.class)
                .hasMessage("corrupt frame record: 1 lines need at least 34 bytes, 16 are left");
        assertThatThrownBy(() -> FrameRecordCodec.decode(withInt(record, zonesOffset, 3)))
                .isInstanceOf(FrameFormatException.class)
                .hasMessage("corrupt frame record: 3 zones need at least 18 bytes, 12 are left");
        assertThatThrownBy(() -> FrameRecordCodec.decode(withInt(record, jpegLengthOffset, Integer.MAX_VALUE)))
                .isInstanceOf(FrameFormatException.class)
                .hasMessage("corrupt frame record: 2147483647 JPEG bytes need at least 2147483647 bytes, 8 are left");
    }

    @Test
    void aForgedKeypointCountInsideAPoseIsRefused() {
        var pose = new Pose(7, List.of(new Keypoint(1f, 2f, 0.5f)));
        byte[] record = FrameRecordCodec.encode(FrameRecord.frame(TASK, 0, 0, 25, 2, 2, new byte[8])
                .withPoses(List.of(pose)));
        int keypointCountOffset = DETECTION_COUNT_OFFSET + 3 * Integer.BYTES + Integer.BYTES;

        assertThatThrownBy(() -> FrameRecordCodec.decode(withInt(record, keypointCountOffset, 100_000_000)))
                .isInstanceOf(FrameFormatException.class)
                .hasMessage("corrupt frame record: 100000000 keypoints need at least 1200000000 bytes, 50 are left");
    }

    /**
     * Where the detection count sits: after magic and version, the task id (length and characters), frame index,
     * pts, fps, width, height and frame count.
     */
    private static final int DETECTION_COUNT_OFFSET = 2 + Short.BYTES + TASK.length() + 3 * Long.BYTES
            + 2 * Integer.BYTES + Long.BYTES;

    private static byte[] withInt(byte[] record, int offset, int value) {
        byte[] copy = record.clone();
        ByteBuffer.wrap(copy).putInt(offset, value);
        return copy;
    }

    /** Bytes this thread allocated on the heap while running {@code action}. */
    private static long allocatedBytes(Runnable action) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        action.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
