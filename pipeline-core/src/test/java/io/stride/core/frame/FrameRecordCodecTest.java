package io.stride.core.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
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
                .hasMessage("frame record schema version 1 is not supported (expected 2)");
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
                .hasMessageStartingWith("truncated frame record");
    }
}
