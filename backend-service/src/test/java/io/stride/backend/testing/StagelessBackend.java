package io.stride.backend.testing;

import static org.awaitility.Awaitility.await;

import io.stride.backend.task.TaskRegistry;
import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEventPublisher;
import io.stride.core.testing.StrideClient;
import io.stride.core.testing.TestBroker;
import io.stride.core.topic.TopicNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's backend with no stage running, on a broker and a data directory of its own: the test plays the
 * stages by publishing their task events and writing their result files ({@link #completedTask} plays a whole
 * task). As a static {@code @RegisterExtension} field it is started before the class's {@code @BeforeAll} methods
 * and closed, with its broker and data directory, after its {@code @AfterAll} methods.
 */
public final class StagelessBackend implements BeforeAllCallback, AfterAllCallback {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TaskEventsBroker kafka = new TaskEventsBroker();
    private final String[] overrides;
    private Path dataDir;
    private Backend backend;

    /** @param overrides as for {@link Backend#start(TestBroker, Path, String...)} */
    public StagelessBackend(String... overrides) {
        this.overrides = overrides.clone();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        kafka.beforeAll(context);
        dataDir = Files.createTempDirectory("stride-backend-test");
        backend = kafka.startBackend(dataDir, overrides);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            backend.close();
        } finally {
            kafka.afterAll(context);
            deleteRecursively(dataDir);
        }
    }

    public Backend backend() {
        return backend;
    }

    /** The backend's HTTP client, for the requests a user makes. */
    public StrideClient client() {
        return backend.client();
    }

    public TaskEventPublisher events() {
        return kafka.events();
    }

    public TestBroker broker() {
        return kafka.broker();
    }

    /** Where the backend keeps uploads ({@code jobs}) and results ({@code results}). */
    public Path dataDir() {
        return dataDir;
    }

    public Path results() {
        return dataDir.resolve("results");
    }

    /** {@link #completedTask(String, String, String)} of a new task uploaded without options. */
    public String completedTask(String jsonLines) throws IOException {
        return completedTask(TopicNames.newTaskId(), jsonLines, "");
    }

    /**
     * Plays a task that completed with these JSON Lines (one line a frame) as its annotations, and returns once
     * the backend knows it completed.
     *
     * @param options the options the task was uploaded with, in their canonical JSON; empty for none
     */
    public String completedTask(String taskId, String jsonLines, String options) throws IOException {
        Files.createDirectories(results());
        Files.writeString(results().resolve(taskId + ".jsonl"), jsonLines);
        long frames = jsonLines.lines().count();
        kafka.events().publishAndWait(TaskEvent.started(taskId, frames, "walking.mp4", options));
        kafka.events().publishAndWait(TaskEvent.completed(taskId, "annotation", frames));
        await().atMost(WAIT).until(() -> backend.bean(TaskRegistry.class).isCompleted(taskId));
        return taskId;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
