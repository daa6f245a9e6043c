package io.stride.annotation.output;

import io.stride.core.topic.TopicNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the {@code .part} result files nobody is writing any more: those of an instance that was killed,
 * for tasks that no instance resumed (they failed or were cancelled meanwhile). A task whose partial files
 * have all gone untouched for {@code maxIdle} is one no live writer holds: a writer touches its files with
 * every batch, and gives its own task up after the same idle time.
 */
public final class StalePartialFiles {

    private static final Logger log = LoggerFactory.getLogger(StalePartialFiles.class);
    private static final String SUFFIX = ".part";
    /** Result names start with the task id, a UUID of 36 characters. */
    private static final int TASK_ID_LENGTH = 36;

    private final Path directory;
    private final Duration maxIdle;

    public StalePartialFiles(Path directory, Duration maxIdle) {
        this.directory = directory;
        this.maxIdle = maxIdle;
    }

    /**
     * Deletes the stale partial files.
     *
     * @param now      the current time
     * @param keepTasks tasks never touched whatever their files' age (those this instance writes)
     * @return the files deleted
     */
    public List<Path> sweep(Instant now, Set<String> keepTasks) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        Map<String, List<Path>> byTask = new HashMap<>();
        Map<String, FileTime> newest = new HashMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                String taskId = name.length() > TASK_ID_LENGTH ? name.substring(0, TASK_ID_LENGTH) : "";
                if (!name.endsWith(SUFFIX) || !TopicNames.isTaskId(taskId) || keepTasks.contains(taskId)) {
                    continue;
                }
                FileTime modified = modifiedTime(file);
                if (modified != null) {
                    byTask.computeIfAbsent(taskId, id -> new ArrayList<>()).add(file);
                    newest.merge(taskId, modified, (a, b) -> a.compareTo(b) >= 0 ? a : b);
                }
            }
        }
        FileTime cutoff = FileTime.from(now.minus(maxIdle));
        List<Path> deleted = new ArrayList<>();
        for (var task : byTask.entrySet()) {
            if (newest.get(task.getKey()).compareTo(cutoff) < 0) {
                for (Path file : task.getValue()) {
                    if (Files.deleteIfExists(file)) {
                        deleted.add(file);
                    }
                }
                log.info("Task {}: deleted partial results untouched since {} (no instance resumed the task)",
                        task.getKey(), newest.get(task.getKey()));
            }
        }
        return deleted;
    }

    private static FileTime modifiedTime(Path file) throws IOException {
        try {
            return Files.getLastModifiedTime(file);
        } catch (NoSuchFileException e) {
            return null; // finished or deleted while listing
        }
    }
}
