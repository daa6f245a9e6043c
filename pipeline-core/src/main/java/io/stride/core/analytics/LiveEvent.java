package io.stride.core.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One record of the analytics events topic ({@code stride_analytics_events}, keyed by task id): an event of a
 * running task as it happens, with the fields of {@link AnalyticsEvent}, the task, an id, and the running totals
 * a live view shows. Delivery is at least once: a restarted stage emits some events again under the same
 * {@code event_id}, {@code "<task>:<frame>:<n>"} with n the event's 0-based index within its frame, which is
 * what a consumer dedupes on.
 *
 * @param counts    line events only: the line's crossings once this one is counted
 * @param occupancy zone events only: the tracks inside the zone in the event's frame
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"task_id", "event_id", "frame", "pts_us", "type", "name", "track_id", "class_name", "direction",
        "counts", "occupancy"})
public record LiveEvent(
        @JsonProperty("task_id") String taskId,
        @JsonProperty("event_id") String eventId,
        long frame,
        @JsonProperty("pts_us") long ptsUs,
        String type,
        String name,
        @JsonProperty("track_id") int trackId,
        @JsonProperty("class_name") String className,
        String direction,
        LineCount.Crossings counts,
        Integer occupancy) {

    /**
     * The record of one event of a task.
     *
     * @param indexInFrame the event's 0-based position among its frame's events
     */
    public static LiveEvent of(String taskId, int indexInFrame, CountedEvent counted) {
        AnalyticsEvent event = counted.event();
        return new LiveEvent(taskId, eventId(taskId, event.frame(), indexInFrame), event.frame(), event.ptsUs(),
                event.type(), event.name(), event.trackId(), event.className(), event.direction(),
                counted.lineTotals(), counted.occupancy());
    }

    /** {@code "<task>:<frame>:<n>"}: the same for the same event however often it is emitted. */
    public static String eventId(String taskId, long frame, int indexInFrame) {
        return taskId + ":" + frame + ":" + indexInFrame;
    }

    /** The event without what only the live record has. */
    public AnalyticsEvent event() {
        return new AnalyticsEvent(frame, ptsUs, type, name, trackId, className, direction);
    }
}
