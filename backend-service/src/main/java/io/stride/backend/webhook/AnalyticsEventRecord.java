package io.stride.backend.webhook;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One record of {@code stride_analytics_events} as the annotation stage writes it: keyed by task id, its value
 * {@code {"event_id": "<task>:<frame>:<n>", "task_id", "frame", "pts_us", "type", "name", "track_id",
 * "class_name", …}}; {@code n} numbers a frame's events from 0.
 *
 * @param json the value, exactly as read
 */
public record AnalyticsEventRecord(String taskId, String eventId, long frame, int n, String type, String json) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** @throws IllegalArgumentException when the value is not such an event of {@code taskId} */
    public static AnalyticsEventRecord parse(String taskId, String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String eventId = node.path("event_id").asString("");
        String prefix = taskId + ":";
        if (!eventId.startsWith(prefix)) {
            throw new IllegalArgumentException("event_id \"" + eventId + "\" is not <task>:<frame>:<n> of task "
                    + taskId);
        }
        String[] frameAndN = eventId.substring(prefix.length()).split(":", -1);
        try {
            if (frameAndN.length != 2) {
                throw new NumberFormatException();
            }
            return new AnalyticsEventRecord(taskId, eventId, Long.parseLong(frameAndN[0]),
                    Integer.parseInt(frameAndN[1]), node.path("type").asString(""), json);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("event_id \"" + eventId + "\" is not <task>:<frame>:<n>");
        }
    }
}
