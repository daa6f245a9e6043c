package io.stride.core.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingManifestTest {

    private static final RecordedSegment FIRST = new RecordedSegment(1, 0, 50, 0, 5_000_000, 1000, 200, 1_000L);
    private static final RecordedSegment SECOND = new RecordedSegment(2, 50, 40, 5_000_000, 5_100_000, 900, 150, 2_000L);

    @TempDir
    Path segments;

    @Test
    void closedSegmentsFollowOneAnotherAndMoveTheNextFrame() {
        RecordingManifest manifest = RecordingManifest.EMPTY.withClosed(FIRST).withClosed(SECOND);

        assertThat(manifest).isEqualTo(new RecordingManifest(90, 3, false, List.of(FIRST, SECOND)));
        assertThat(manifest.without(List.of(FIRST))).isEqualTo(new RecordingManifest(90, 3, false, List.of(SECOND)));
        assertThat(manifest.completed().complete()).isTrue();
        assertThat(manifest.segment("000002")).contains(SECOND);
        assertThat(manifest.segment("2")).isEmpty();
        assertThatThrownBy(() -> RecordingManifest.EMPTY.withClosed(SECOND)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isWrittenAndReadBackWhole() throws Exception {
        assertThat(RecordingManifest.read(segments)).isEmpty();
        assertThat(RecordingManifest.exists(segments)).isFalse();
        RecordingManifest manifest = RecordingManifest.EMPTY.withClosed(FIRST).withClosed(SECOND).completed();

        manifest.write(segments);

        assertThat(RecordingManifest.read(segments)).contains(manifest);
        assertThat(RecordingManifest.exists(segments)).isTrue();
        try (var files = Files.list(segments)) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).containsExactly(RecordingManifest.FILE);
        }
    }

    @Test
    void aTornManifestIsAnErrorNotAnEmptyRecording() throws Exception {
        Files.writeString(segments.resolve(RecordingManifest.FILE), "{\"nextFrame\":9");
        assertThatThrownBy(() -> RecordingManifest.read(segments)).hasMessageContaining("cannot be read");
    }

    @Test
    void segmentFilesAreNamedBySixDigits() {
        assertThat(SECOND.name()).isEqualTo("000002");
        assertThat(SECOND.video(segments)).isEqualTo(segments.resolve("000002.mp4"));
        assertThat(SECOND.annotations(segments)).isEqualTo(segments.resolve("000002.jsonl"));
        assertThat(SECOND.bytes()).isEqualTo(1050);
        assertThat(SECOND.endFrame()).isEqualTo(90);
        assertThat(new ResultFiles(Path.of("results")).segments("0b7c6f3e-1d2a-4c5b-9e8f-7a6b5c4d3e2f"))
                .isEqualTo(Path.of("results", "0b7c6f3e-1d2a-4c5b-9e8f-7a6b5c4d3e2f", "segments"));
    }
}
