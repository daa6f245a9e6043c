package io.stride.backend.result;

import io.stride.backend.api.ApiException;
import io.stride.backend.task.TaskRegistry;
import io.stride.backend.task.TaskStatus;
import io.stride.core.result.StorageProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /result/{id}} (the MP4) and {@code GET /result/{id}/annotations} (JSON Lines). Returning a
 * {@link Resource} lets Spring answer HTTP range requests, so browsers can seek.
 */
@RestController
class ResultController {

    private static final MediaType MP4 = MediaType.parseMediaType("video/mp4");
    private static final MediaType JSON_LINES = MediaType.parseMediaType("application/jsonl");

    private final TaskRegistry registry;
    private final StorageProperties storage;

    ResultController(TaskRegistry registry, StorageProperties storage) {
        this.registry = registry;
        this.storage = storage;
    }

    @GetMapping("/result/{taskId}")
    ResponseEntity<Resource> video(@PathVariable String taskId) {
        ApiException.requireTaskId(taskId);
        return serve(taskId, storage.results().video(taskId), MP4, "inline");
    }

    @GetMapping("/result/{taskId}/annotations")
    ResponseEntity<Resource> annotations(@PathVariable String taskId) {
        ApiException.requireTaskId(taskId);
        return serve(taskId, storage.results().annotations(taskId), JSON_LINES, "attachment");
    }

    private ResponseEntity<Resource> serve(String taskId, Path file, MediaType type, String disposition) {
        TaskStatus status = registry.status(taskId)
                .orElseThrow(() -> ApiException.notFound("no task " + taskId));
        if (!registry.isCompleted(taskId)) {
            throw ApiException.notFound("task " + taskId + " is " + status.status()
                    + ("failed".equals(status.status()) ? ": " + status.error() : " (" + status.progress() + ")"));
        }
        if (!Files.isRegularFile(file)) {
            throw ApiException.notFound("the results of task " + taskId + " are no longer available");
        }
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition + "; filename=\"" + file.getFileName() + "\"")
                .body(new FileSystemResource(file));
    }
}
