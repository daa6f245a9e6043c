package io.stride.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrameAuditTest {

    @Test
    void everyIndexOnceInOrderIsExact() {
        FrameAudit audit = FrameAudit.of(4, List.of(0, 1, 2, 3), List.of(0, 1, 2, 3));

        assertThat(audit.exact()).isTrue();
        assertThat(audit.lost()).isZero();
        assertThat(audit.doubled()).isZero();
        assertThat(audit.describe()).isEqualTo("MP4 4 frames, exact; annotations 4 frames, exact (source 4)");
    }

    @Test
    void aFrameMissingFromEitherOutputIsLost() {
        FrameAudit audit = FrameAudit.of(5, List.of(0, 1, 3, 4), List.of(0, 1, 2, 3));

        assertThat(audit.exact()).isFalse();
        assertThat(audit.mp4()).isEqualTo(new FrameAudit.Sequence(4, 1, 0, 0, false));
        assertThat(audit.annotations()).isEqualTo(new FrameAudit.Sequence(4, 1, 0, 0, false));
        assertThat(audit.lost()).as("frame 2 from the MP4, frame 4 from the annotations").isEqualTo(2);
        assertThat(audit.doubled()).isZero();
    }

    @Test
    void repeatsCountAsDoubledInTheWorseOutput() {
        FrameAudit audit = FrameAudit.of(3, List.of(0, 1, 1, 1, 2), List.of(0, 1, 2, 2));

        assertThat(audit.mp4().doubled()).isEqualTo(2);
        assertThat(audit.annotations().doubled()).isEqualTo(1);
        assertThat(audit.doubled()).isEqualTo(2);
        assertThat(audit.lost()).isZero();
        assertThat(audit.mp4().describe()).isEqualTo("5 frames: 0 lost, 2 doubled");
    }

    @Test
    void unreadableAndOutOfRangeIndicesAreForeign() {
        FrameAudit audit = FrameAudit.of(3, List.of(0, FrameIndexStamp.UNREADABLE, 2), List.of(0, 1, 2, 7));

        assertThat(audit.mp4()).isEqualTo(new FrameAudit.Sequence(3, 1, 0, 1, false));
        assertThat(audit.annotations()).isEqualTo(new FrameAudit.Sequence(4, 0, 0, 1, false));
        assertThat(audit.lost()).isEqualTo(1);
        assertThat(audit.annotations().describe()).isEqualTo("4 frames: 0 lost, 0 doubled, 1 foreign");
    }

    @Test
    void everyFrameOnceButSwappedIsOutOfOrder() {
        FrameAudit audit = FrameAudit.of(3, List.of(0, 2, 1), List.of(0, 1, 2));

        assertThat(audit.exact()).isFalse();
        assertThat(audit.lost()).isZero();
        assertThat(audit.doubled()).isZero();
        assertThat(audit.mp4().describe()).isEqualTo("3 frames: out of order");
    }

    @Test
    void emptyOutputsOfAnEmptySourceAreExact() {
        assertThat(FrameAudit.of(0, List.of(), List.of()).exact()).isTrue();
    }
}
