package io.stride.core.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One thing that happened to one track, one line of an analysis's events. {@code direction} only for lines. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"frame", "pts_us", "type", "name", "track_id", "class_name", "direction"})
public record AnalyticsEvent(
        long frame,
        @JsonProperty("pts_us") long ptsUs,
        String type,
        String name,
        @JsonProperty("track_id") int trackId,
        @JsonProperty("class_name") String className,
        String direction) {

    public static final String LINE_CROSSED = "line_crossed";
    public static final String ZONE_ENTERED = "zone_entered";
    public static final String ZONE_EXITED = "zone_exited";
    /** From the side where {@code sign(cross(b−a, p−a))} is −1 to the side where it is +1. */
    public static final String IN = "in";
    public static final String OUT = "out";

    static AnalyticsEvent lineCrossed(TrackedFrame frame, TrackPosition track, String line, String direction) {
        return new AnalyticsEvent(frame.frame(), frame.ptsUs(), LINE_CROSSED, line, track.trackId(),
                track.className(), direction);
    }

    static AnalyticsEvent zone(TrackedFrame frame, TrackPosition track, String zone, String type) {
        return new AnalyticsEvent(frame.frame(), frame.ptsUs(), type, zone, track.trackId(), track.className(), null);
    }
}
