package io.stride.core.stage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The stage runtime contract against Apache Kafka in a container, as in production. Skipped where no Docker
 * engine runs (as on the CI machine, which has only the Docker client).
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerBrokerStageRunnerTest extends StageRunnerContract {

    private static final String IMAGE = "apache/kafka:4.1.1";

    private static KafkaContainer broker;

    @BeforeAll
    static void startBroker() {
        broker = new KafkaContainer(IMAGE).withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        broker.start();
        connect(broker.getBootstrapServers());
    }

    @AfterAll
    static void stopBroker() {
        disconnect();
        broker.stop();
    }
}
