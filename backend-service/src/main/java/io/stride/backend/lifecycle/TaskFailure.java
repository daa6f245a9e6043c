package io.stride.backend.lifecycle;

import io.stride.backend.task.TaskRegistry;
import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Ends a task the backend cannot start or resume as failed, with the reason. The event is applied here at once,
 * not only when read back, so the task leaves the queue (and frees its slot) before the next admission decision.
 */
@Component
public class TaskFailure {

    private static final Logger log = LoggerFactory.getLogger(TaskFailure.class);

    private final TaskEventPublisher events;
    private final TaskRegistry registry;

    TaskFailure(TaskEventPublisher events, TaskRegistry registry) {
        this.events = events;
        this.registry = registry;
    }

    public void fail(String taskId, String reason) {
        log.warn("Task {} failed: {}", taskId, reason);
        TaskEvent failed = TaskEvent.failed(taskId, "backend", reason);
        try {
            events.publishAndWait(failed);
        } catch (RuntimeException e) {
            log.error("Task {}: could not report its failure: {}", taskId, e.toString());
        }
        registry.apply(failed);
    }
}
