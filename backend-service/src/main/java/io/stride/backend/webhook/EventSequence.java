package io.stride.backend.webhook;

import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/**
 * Drops the analytics events a restarted annotation stage publishes again: a task's events come in order of
 * (frame, n), so one that is not after the last one seen of its task was seen already. Checked by one thread, forgotten by any.
 */
final class EventSequence {

    private final Map<String, long[]> last = new ConcurrentHashMap<>();

    /** Whether the event is after every event of its task seen so far; if so it is the last one seen now. */
    boolean isNew(AnalyticsEventRecord event) {
        long[] seen = last.get(event.taskId());
        if (seen != null && (event.frame() < seen[0] || (event.frame() == seen[0] && event.n() <= seen[1]))) {
            return false;
        }
        last.put(event.taskId(), new long[] {event.frame(), event.n()});
        return true;
    }

    void forget(String taskId) {
        last.remove(taskId);
    }
}
