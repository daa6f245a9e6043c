package io.stride.core.analytics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Runs every line counter and zone tracker of a request over a task's tracks, one frame at a time, so a long video
 * is analysed in a single pass without holding its frames. Within a frame, the events come line by line, then zone
 * by zone, in the request's order, and for each in the order of the frame's tracks.
 *
 * <p>An analysis that runs for as long as a camera does must not remember every track it ever saw. One made with
 * a {@code forgetAfterUs} forgets a track that has not appeared for longer than that (in presentation time): its
 * last position is dropped and an open visit is closed as it stands, which changes no count or statistic. Chosen
 * well above the tracker's lost-track buffer, after which a track id never comes back, it changes no event either.
 * Its state at any frame can be taken and restored ({@link #state()}, {@link #restore}).
 */
public final class Analysis {

    /** Never forgets a track: for a task whose tracks are all read at once. */
    public static final long NEVER_FORGET = Long.MAX_VALUE;

    private final List<LineCounter> lines;
    private final List<ZoneTracker> zones;
    private final long forgetAfterUs;
    /** Per remembered track id: the presentation time of the last frame it appeared in. */
    private final Map<Integer, Long> lastSeenUs = new HashMap<>();
    private long lastFrame = -1;

    public Analysis(AnalysisRequest request) {
        this(request, NEVER_FORGET);
    }

    /** @param forgetAfterUs a track not seen for longer than this is forgotten; {@link #NEVER_FORGET} for never */
    public Analysis(AnalysisRequest request, long forgetAfterUs) {
        this(request.lines().stream().map(LineCounter::new).toList(),
                request.zones().stream().map(ZoneTracker::new).toList(), forgetAfterUs);
    }

    private Analysis(List<LineCounter> lines, List<ZoneTracker> zones, long forgetAfterUs) {
        if (forgetAfterUs < 0) {
            throw new IllegalArgumentException("forgetAfterUs must not be negative, was " + forgetAfterUs);
        }
        this.lines = lines;
        this.zones = zones;
        this.forgetAfterUs = forgetAfterUs;
    }

    /**
     * The analysis of {@code request} as it was when {@code state} was taken: fed the frames after
     * {@link AnalysisState#lastFrame()}, it gives what the analysis the state was taken from would have.
     *
     * @throws IllegalArgumentException when the state is not of this request's lines and zones
     */
    public static Analysis restore(AnalysisRequest request, long forgetAfterUs, AnalysisState state) {
        if (state.lines().size() != request.lines().size() || state.zones().size() != request.zones().size()) {
            throw new IllegalArgumentException("the state has " + state.lines().size() + " lines and "
                    + state.zones().size() + " zones, the request " + request.lines().size() + " and "
                    + request.zones().size());
        }
        Analysis analysis = new Analysis(
                IntStream.range(0, state.lines().size())
                        .mapToObj(i -> LineCounter.restore(request.lines().get(i), state.lines().get(i))).toList(),
                IntStream.range(0, state.zones().size())
                        .mapToObj(i -> ZoneTracker.restore(request.zones().get(i), state.zones().get(i))).toList(),
                forgetAfterUs);
        analysis.lastFrame = state.lastFrame();
        analysis.lastSeenUs.putAll(state.lastSeenUs());
        return analysis;
    }

    /**
     * The events of the next frame.
     *
     * @throws IllegalArgumentException when the frame does not come after the previous one: the rules follow each
     *                                  track in frame order, and the results are written in that order
     */
    public List<AnalyticsEvent> accept(TrackedFrame frame) {
        return acceptCounted(frame).stream().map(CountedEvent::event).toList();
    }

    /** As {@link #accept}, each event with its line's totals or its zone's occupancy (what a live view shows). */
    public List<CountedEvent> acceptCounted(TrackedFrame frame) {
        if (frame.frame() <= lastFrame) {
            throw new IllegalArgumentException("frame " + frame.frame() + " after frame " + lastFrame
                    + ": the tracks are not in frame order");
        }
        lastFrame = frame.frame();
        List<CountedEvent> events = new ArrayList<>();
        lines.forEach(line -> events.addAll(line.observeCounted(frame)));
        zones.forEach(zone -> events.addAll(zone.observeCounted(frame)));
        remember(frame);
        return events;
    }

    private void remember(TrackedFrame frame) {
        frame.tracks().forEach(track -> lastSeenUs.put(track.trackId(), frame.ptsUs()));
        if (forgetAfterUs == NEVER_FORGET) {
            return;
        }
        long cutoff = frame.ptsUs() - forgetAfterUs;
        lastSeenUs.entrySet().removeIf(seen -> {
            boolean stale = seen.getValue() < cutoff;
            if (stale) {
                lines.forEach(line -> line.forget(seen.getKey()));
                zones.forEach(zone -> zone.forget(seen.getKey()));
            }
            return stale;
        });
    }

    /** The analytics of the frames accepted so far. */
    public AnalyticsResult result() {
        return new AnalyticsResult(lines.stream().map(LineCounter::count).toList(),
                zones.stream().map(ZoneTracker::stats).toList());
    }

    /** Each line's crossings so far, in the request's order. */
    public List<LineCount.Crossings> lineTotals() {
        return lines.stream().map(LineCounter::totals).toList();
    }

    /** Each zone's occupancy in the last frame accepted, in the request's order. */
    public List<Integer> occupancies() {
        return zones.stream().map(ZoneTracker::occupancy).toList();
    }

    /** The last frame accepted; −1 before the first. */
    public long lastFrame() {
        return lastFrame;
    }

    /** How many tracks are remembered: bounded when tracks are forgotten. */
    public int tracksRemembered() {
        return lastSeenUs.size();
    }

    /** What this analysis remembers now, to {@link #restore} it later. */
    public AnalysisState state() {
        return new AnalysisState(lastFrame, lastSeenUs, lines.stream().map(LineCounter::state).toList(),
                zones.stream().map(ZoneTracker::state).toList());
    }
}
