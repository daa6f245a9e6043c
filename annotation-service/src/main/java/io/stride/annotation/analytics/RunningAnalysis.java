package io.stride.annotation.analytics;

import io.stride.annotation.draw.AnalyticsPainter;
import io.stride.annotation.output.FrameResultsJson;
import io.stride.core.analytics.Analysis;
import io.stride.core.analytics.AnalysisRequest;
import io.stride.core.analytics.AnalyticsJson;
import io.stride.core.analytics.CountedEvent;
import io.stride.core.analytics.LiveEvent;
import io.stride.core.analytics.TrackedFrame;
import io.stride.core.frame.FrameRecord;
import io.stride.core.result.ResultFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live analytics of one task with lines or zones: its {@link Analysis} fed each frame's tracks as written, its
 * events published, its counts drawn, its analytics file replaced now and then, and its state kept with each
 * durable point. A file that cannot be written costs a warning, not the task: the JSON Lines, from which the
 * analytics are recomputed, are what matters.
 */
final class RunningAnalysis implements TaskAnalytics {

    private static final Logger log = LoggerFactory.getLogger(RunningAnalysis.class);
    /**
     * How long a durable point waits for the events before it; beyond, the broker is away and the point is
     * recorded anyway (the frames matter more than their events, which are counted as failed then).
     */
    private static final Duration EVENTS_BEFORE_POINT_TIMEOUT = Duration.ofSeconds(10);

    private final String taskId;
    private final AnalysisRequest request;
    private final Analysis analysis;
    private final LiveEventSink events;
    private final AnalyticsPainter painter;
    private final AnalysisStateFile stateFile;
    private final Path snapshot;
    private final Clock clock;
    private final Duration snapshotInterval;
    private Instant nextSnapshotAt = Instant.MIN;

    RunningAnalysis(String taskId, AnalysisRequest request, Analysis analysis, LiveEventSink events,
                    AnalyticsPainter painter, ResultFiles files, Clock clock, Duration snapshotInterval) {
        this.taskId = taskId;
        this.request = request;
        this.analysis = analysis;
        this.events = events;
        this.painter = painter;
        this.stateFile = AnalysisStateFile.of(files.directory(), taskId);
        this.snapshot = files.liveAnalytics(taskId);
        this.clock = clock;
        this.snapshotInterval = snapshotInterval;
    }

    @Override
    public void frame(FrameRecord frame, Mat image) {
        accept(FrameResultsJson.trackedFrame(frame));
        painter.paint(image, request, analysis.lineTotals(), analysis.occupancies());
        Instant now = clock.instant();
        if (!now.isBefore(nextSnapshotAt)) {
            nextSnapshotAt = now.plus(snapshotInterval);
            writeSnapshot();
        }
    }

    /** Analyses a frame and publishes its events, numbered within the frame. */
    void accept(TrackedFrame frame) {
        List<CountedEvent> counted = analysis.acceptCounted(frame);
        for (int n = 0; n < counted.size(); n++) {
            events.publish(LiveEvent.of(taskId, n, counted.get(n)));
        }
    }

    @Override
    public void pointComing() {
        events.awaitSent(EVENTS_BEFORE_POINT_TIMEOUT);
    }

    @Override
    public void durable(long framesDurable) {
        events.awaitSent(EVENTS_BEFORE_POINT_TIMEOUT);
        if (analysis.lastFrame() != framesDurable - 1) {
            // Not where the point is: a state kept under it would resume the wrong frames.
            log.warn("Task {}: analytics at frame {}, durable point at {} frames; its state is not kept",
                    taskId, analysis.lastFrame(), framesDurable);
            return;
        }
        try {
            stateFile.write(analysis.state());
        } catch (IOException e) {
            log.warn("Task {}: cannot keep the analytics state ({}); a restart recomputes it from the JSON Lines",
                    taskId, e.toString());
        }
    }

    @Override
    public void finished() {
        writeSnapshot();
        try {
            stateFile.delete();
        } catch (IOException e) {
            log.warn("Task {}: cannot delete {}: {}", taskId, stateFile.file().getFileName(), e.toString());
        }
    }

    @Override
    public void discarded() {
        try {
            stateFile.delete();
            Files.deleteIfExists(snapshot);
        } catch (IOException e) {
            log.warn("Task {}: cannot delete its live analytics: {}", taskId, e.toString());
        }
    }

    private void writeSnapshot() {
        try {
            AtomicFile.write(snapshot, ResultFiles.partial(snapshot), AnalyticsJson.result(analysis.result()));
        } catch (IOException e) {
            log.warn("Task {}: cannot write {}: {}", taskId, snapshot.getFileName(), e.toString());
        }
    }
}
