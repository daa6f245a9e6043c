package io.stride.backend.lifecycle;

import io.stride.backend.task.TaskRegistry;
import io.stride.core.result.StorageProperties;
import io.stride.core.topic.TopicNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the results directory and the task list from growing for ever: a task that ended more than
 * {@code stride.storage.results-retention} ago is deleted with its results, as a user's {@code DELETE} would, and
 * result files that no known task owns are deleted once they are that old.
 */
@Component
class ResultsRetention {

    private static final Logger log = LoggerFactory.getLogger(ResultsRetention.class);
    /** A task id is a UUID, and every result file's name starts with its task's id. */
    private static final int TASK_ID_LENGTH = 36;

    private final TaskRegistry registry;
    private final TaskDeletion deletion;
    private final StorageProperties storage;
    private final Clock clock;

    ResultsRetention(TaskRegistry registry, TaskDeletion deletion, StorageProperties storage, Clock clock) {
        this.registry = registry;
        this.deletion = deletion;
        this.storage = storage;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${stride.storage.results-retention-check:10m}",
            initialDelayString = "${stride.storage.results-retention-check:10m}")
    void expire() {
        Instant oldest = clock.instant().minus(storage.resultsRetention());
        try {
            registry.endedBefore(oldest.toEpochMilli()).forEach(deletion::expire);
            orphansOlderThan(oldest).forEach(deletion::delete);
        } catch (RuntimeException e) {
            log.warn("Expiring old results failed; trying again later: {}", e.toString());
        }
    }

    /** Tasks of result files that no known task owns and that were last written before {@code oldest}. */
    private List<String> orphansOlderThan(Instant oldest) {
        Path results = storage.resultsDir();
        if (!Files.isDirectory(results)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(results)) {
            return files.filter(file -> isOlder(file, oldest))
                    .map(file -> file.getFileName().toString())
                    .map(name -> name.substring(0, Math.min(name.length(), TASK_ID_LENGTH)))
                    .filter(TopicNames::isTaskId)
                    .filter(taskId -> !registry.isKnown(taskId))
                    .distinct().toList();
        } catch (IOException e) {
            log.warn("Cannot list {}: {}", results, e.toString());
            return List.of();
        }
    }

    private static boolean isOlder(Path file, Instant oldest) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(oldest);
        } catch (IOException e) {
            return false;
        }
    }
}
