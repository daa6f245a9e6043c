package io.stride.core.task;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** JSON form of {@link TaskEvent} (snake_case), readable by operators with any Kafka console tool. */
public final class TaskEventCodec {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private TaskEventCodec() {
    }

    public static String encode(TaskEvent event) {
        return JSON.writeValueAsString(event);
    }

    /** @throws IllegalArgumentException when the text is not a task event */
    public static TaskEvent decode(String json) {
        try {
            TaskEvent event = JSON.readValue(json, TaskEvent.class);
            if (event.taskId() == null || event.type() == null) {
                throw new IllegalArgumentException("task event without task_id or type: " + json);
            }
            return event;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a task event: " + e.getOriginalMessage(), e);
        }
    }
}
