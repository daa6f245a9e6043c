package io.stride.core.stage;

import io.stride.core.testing.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The stage runtime contract against the in-JVM KRaft broker (always available). */
class EmbeddedBrokerStageRunnerTest extends StageRunnerContract {

    private static TestBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new TestBroker();
        connect(broker.bootstrapServers());
    }

    @AfterAll
    static void stopBroker() {
        disconnect();
        broker.close();
    }
}
