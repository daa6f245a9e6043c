package io.stride.core.analytics;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs every line counter and zone tracker of a request over a task's tracks, one frame at a time, so a long video
 * is analysed in a single pass without holding its frames. Within a frame, the events come line by line, then zone
 * by zone, in the request's order, and for each in the order of the frame's tracks.
 */
public final class Analysis {

    private final List<LineCounter> lines;
    private final List<ZoneTracker> zones;
    private long lastFrame = -1;

    public Analysis(AnalysisRequest request) {
        this.lines = request.lines().stream().map(LineCounter::new).toList();
        this.zones = request.zones().stream().map(ZoneTracker::new).toList();
    }

    /**
     * The events of the next frame.
     *
     * @throws IllegalArgumentException when the frame does not come after the previous one: the rules follow each
     *                                  track in frame order, and the results are written in that order
     */
    public List<AnalyticsEvent> accept(TrackedFrame frame) {
        if (frame.frame() <= lastFrame) {
            throw new IllegalArgumentException("frame " + frame.frame() + " after frame " + lastFrame
                    + ": the tracks are not in frame order");
        }
        lastFrame = frame.frame();
        List<AnalyticsEvent> events = new ArrayList<>();
        lines.forEach(line -> events.addAll(line.observe(frame)));
        zones.forEach(zone -> events.addAll(zone.observe(frame)));
        return events;
    }

    /** The analytics of the frames accepted so far. */
    public AnalyticsResult result() {
        return new AnalyticsResult(lines.stream().map(LineCounter::count).toList(),
                zones.stream().map(ZoneTracker::stats).toList());
    }
}
