package io.stride.backend.testing;

import io.stride.core.task.TaskEventPublisher;
import io.stride.core.testing.TestBroker;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's broker and a publisher of task events on it, with which the test plays the stages; as a static
 * {@code @RegisterExtension} field it is started before the class's {@code @BeforeAll} methods and closed after its
 * {@code @AfterAll} methods, so after any backend those closed.
 */
public final class TaskEventsBroker implements BeforeAllCallback, AfterAllCallback {

    private TestBroker broker;
    private TaskEventPublisher events;

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = new TestBroker();
        events = new TaskEventPublisher(broker.kafkaClients());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        events.close();
        broker.close();
    }

    public TestBroker broker() {
        return broker;
    }

    public TaskEventPublisher events() {
        return events;
    }

    /** A backend against this broker; see {@link Backend#start(TestBroker, Path, String...)}. */
    public Backend startBackend(Path dataDir, String... overrides) {
        return Backend.start(broker, dataDir, overrides);
    }
}
