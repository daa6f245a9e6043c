package io.stride.annotation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * What the tests of the whole service share: it runs on a random port against an embedded broker and writes its
 * results into a directory of the test class's own, removed after the class.
 */
public abstract class DeployedServiceFixture {

    /** This test class's, made before its context starts. */
    protected static Path results;

    @Value("${spring.embedded.kafka.brokers}")
    protected String brokers;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void resultsDir(DynamicPropertyRegistry registry) {
        // Read when the context starts, after createResults.
        registry.add("stride.storage.results-dir", () -> results.toString());
    }

    @BeforeAll
    static void createResults() throws IOException {
        results = Files.createTempDirectory("stride-results");
    }

    @AfterAll
    static void deleteResults() throws IOException {
        FileSystemUtils.deleteRecursively(results);
    }

    /** A producer of frame records onto the embedded broker. */
    protected KafkaProducer<String, byte[]> frameProducer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }
}
