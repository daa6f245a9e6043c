package io.stride.annotation.analytics;

import io.stride.annotation.draw.AnalyticsPainter;
import io.stride.core.analytics.Analysis;
import io.stride.core.analytics.AnalysisRequest;
import io.stride.core.analytics.AnalysisState;
import io.stride.core.result.ResultFiles;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens each task's analytics where its results go on. A task resumed after {@code D} durable frames gets its
 * analysis as it was after frame {@code D-1}: from the state kept with that point, or, when the state kept is
 * older (a restart between recording the point and keeping the state) or missing, from that state or from
 * scratch with the frames since read back from the task's JSON Lines, which hold exactly what the analysis saw.
 * A state past the point (kept just before a point a restart left unrecorded) gives way to the one before it.
 * The events of the frames read back are published again (at least once: consumers dedupe on {@code event_id}).
 */
public final class ResumableAnalytics implements LiveAnalytics {

    private static final Logger log = LoggerFactory.getLogger(ResumableAnalytics.class);

    private final ResultFiles files;
    private final LiveEventSink events;
    private final AnalyticsPainter painter;
    private final AnalyticsProperties properties;
    private final Clock clock;

    public ResumableAnalytics(ResultFiles files, LiveEventSink events, AnalyticsPainter painter,
                              AnalyticsProperties properties, Clock clock) {
        this.files = files;
        this.events = events;
        this.painter = painter;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public TaskAnalytics open(String taskId, AnalysisRequest request, long framesDurable) {
        if (request.isEmpty()) {
            return TaskAnalytics.NONE;
        }
        long forgetAfterUs = TimeUnit.NANOSECONDS.toMicros(properties.forgetAfter().toNanos());
        AnalysisStateFile stateFile = AnalysisStateFile.of(files.directory(), taskId);
        Optional<AnalysisState> state = framesDurable == 0 ? Optional.empty() : kept(taskId, stateFile, request,
                framesDurable);
        Analysis analysis = state.map(s -> Analysis.restore(request, forgetAfterUs, s))
                .orElseGet(() -> new Analysis(request, forgetAfterUs));
        var running = new RunningAnalysis(taskId, request, analysis, events, painter, files, clock,
                properties.snapshotInterval());
        long from = analysis.lastFrame() + 1;
        if (from < framesDurable) {
            catchUp(taskId, running, from, framesDurable);
        } else if (framesDurable > 0) {
            log.info("Task {}: analytics resumed after frame {}", taskId, framesDurable - 1);
        }
        return running;
    }

    /** The state kept for the task when it can be restored and is not past the durable point. */
    private static Optional<AnalysisState> kept(String taskId, AnalysisStateFile stateFile, AnalysisRequest request,
                                                long framesDurable) {
        try {
            Optional<AnalysisState> state = stateFile.readFor(framesDurable);
            if (state.isEmpty() && stateFile.read().isPresent()) {
                log.warn("Task {}: its analytics state is past its durable point; recomputing", taskId);
            }
            // Fails here rather than later when the state is not of these lines and zones.
            state.ifPresent(s -> Analysis.restore(request, Analysis.NEVER_FORGET, s));
            return state;
        } catch (IOException | IllegalArgumentException e) {
            log.warn("Task {}: cannot restore its analytics state ({}); recomputing", taskId, e.getMessage());
            return Optional.empty();
        }
    }

    private void catchUp(String taskId, RunningAnalysis running, long from, long until) {
        log.info("Task {}: analytics of frames {}-{} recomputed from its JSON Lines", taskId, from, until - 1);
        try {
            new WrittenTracks(ResultFiles.partial(files.annotations(taskId))).read(from, until, running::accept);
        } catch (IOException e) {
            // Cannot happen with the writer's own durable prefix; counts from here on are better than none.
            log.error("Task {}: cannot recompute the analytics of frames {}-{} ({}); its live counts will be short",
                    taskId, from, until - 1, e.getMessage());
        }
    }
}
