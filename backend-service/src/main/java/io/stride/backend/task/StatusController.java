package io.stride.backend.task;

import io.stride.backend.api.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /status/{id}}. */
@RestController
class StatusController {

    private final TaskRegistry registry;

    StatusController(TaskRegistry registry) {
        this.registry = registry;
    }

    @GetMapping("/status/{taskId}")
    TaskStatus status(@PathVariable String taskId) {
        ApiException.requireTaskId(taskId);
        return registry.status(taskId).orElseThrow(() -> ApiException.notFound("no task " + taskId));
    }
}
