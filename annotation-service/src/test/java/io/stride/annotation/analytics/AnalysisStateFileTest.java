package io.stride.annotation.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.core.analytics.Analysis;
import io.stride.core.analytics.AnalysisRequest;
import io.stride.core.analytics.AnalysisState;
import io.stride.core.analytics.CountingLine;
import io.stride.core.analytics.Point;
import io.stride.core.analytics.TrackedFrame;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state kept with a durable point, and the one before it for a point a crash left unrecorded. */
class AnalysisStateFileTest {

    private static final String TASK = "3f2a0c1e-0000-4000-8000-000000000002";
    private static final AnalysisRequest REQUEST = new AnalysisRequest(
            List.of(new CountingLine("door", new Point(0, 50), new Point(100, 50))), List.of());

    @TempDir
    Path directory;

    @Test
    void theLatestStateNotPastThePointIsRead() throws Exception {
        AnalysisStateFile file = AnalysisStateFile.of(directory, TASK);
        file.write(stateAfter(19));
        file.write(stateAfter(39));

        assertThat(file.readFor(40).map(AnalysisState::lastFrame)).as("the point of 40 frames").contains(39L);
        assertThat(file.readFor(30).map(AnalysisState::lastFrame))
                .as("kept before a point of 40 that a crash left at 20").contains(19L);
        assertThat(file.readFor(10)).as("both past the point").isEmpty();

        file.delete();
        assertThat(file.readFor(40)).isEqualTo(Optional.empty());
        assertThat(directory).isEmptyDirectory();
    }

    private static AnalysisState stateAfter(long lastFrame) {
        Analysis analysis = new Analysis(REQUEST);
        for (long frame = 0; frame <= lastFrame; frame++) {
            analysis.accept(new TrackedFrame(frame, frame * 40_000, List.of()));
        }
        return analysis.state();
    }
}
