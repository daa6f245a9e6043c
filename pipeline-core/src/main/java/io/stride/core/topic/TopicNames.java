package io.stride.core.topic;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Names of every topic Stride uses. */
public final class TopicNames {

    /** Lifecycle events of every task (started, progress, completed, failed), read by the backend. */
    public static final String TASK_EVENTS = "stride_task_events";

    /**
     * The latest tracker state of every running task, keyed by task id (compacted): a restarted ByteTrack resumes
     * from it instead of replaying the task's topic from frame 0, which retention may have removed.
     */
    public static final String TRACKER_CHECKPOINTS = "stride_tracker_checkpoints";

    /**
     * What a task's lines and zones saw, as it happens: one JSON event a record, keyed by task id, in frame order
     * within a task (docs/analytics.md gives the schema). Written by the annotation stage, read by the backend for
     * its live feed and webhooks, and by integrators.
     */
    public static final String ANALYTICS_EVENTS = "stride_analytics_events";

    static final String UUID_REGEX = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final Pattern UUID_PATTERN = Pattern.compile(UUID_REGEX);

    private TopicNames() {
    }

    /** The four frame topics of a task, in flow order. */
    public static List<String> taskTopics(String taskId) {
        return Arrays.stream(Stage.values()).map(stage -> stage.topic(taskId)).toList();
    }

    /** True for the canonical lower-case form of a UUID, the only form task ids take. */
    public static boolean isTaskId(String candidate) {
        return candidate != null && UUID_PATTERN.matcher(candidate).matches();
    }

    public static String newTaskId() {
        return UUID.randomUUID().toString();
    }
}
