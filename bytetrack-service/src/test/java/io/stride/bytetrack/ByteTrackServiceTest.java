package io.stride.bytetrack;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.Detection;
import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.FrameRecordCodec;
import io.stride.core.frame.TrackedObject;
import io.stride.core.topic.Stage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** The service as deployed: application.yaml, auto-configured stage runner, a real (embedded) Kafka broker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "logging.level.org.apache.kafka=WARN", "logging.level.kafka=WARN"})
@EmbeddedKafka(partitions = 1)
class ByteTrackServiceTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final int FRAMES = 5;

    @Value("${spring.embedded.kafka.brokers}")
    private String brokers;

    @LocalServerPort
    private int port;

    @Test
    void tracksTheFramesOfAYoloxTopicOntoTheBytetrackTopic() throws Exception {
        String taskId = UUID.randomUUID().toString();
        List<FrameRecord> sent = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            float x = 100 + 10 * i;
            sent.add(FrameRecord.frame(taskId, i, i * 33_333L, 30, 1280, 720, new byte[] {(byte) 0xff, (byte) 0xd8})
                    .withDetections(List.of(
                            new Detection(new BoundingBox(x, 100, x + 50, 250), 0.9f, 0),
                            new Detection(new BoundingBox(600, 100, 650, 250), 0.9f, 2))));
        }
        sent.add(FrameRecord.endOfStream(taskId, FRAMES, 30, 1280, 720));
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (FrameRecord record : sent) {
                producer.send(new ProducerRecord<>(Stage.YOLOX.topic(taskId), FrameRecordCodec.encode(record))).get();
            }
        }

        List<FrameRecord> received = readAll(Stage.BYTETRACK.topic(taskId), sent.size());

        assertThat(received).extracting(FrameRecord::frameIndex).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        for (int i = 0; i < FRAMES; i++) {
            assertThat(received.get(i).tracks()).extracting(TrackedObject::trackId, TrackedObject::classId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 0));
            assertThat(received.get(i).detections()).hasSize(2);
        }
        assertThat(received.get(FRAMES).isEndOfStream()).isTrue();
        assertThat(received.get(FRAMES).frameCount()).isEqualTo(FRAMES);
    }

    @Test
    void exposesPrometheusMetrics() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes");
    }

    private List<FrameRecord> readAll(String topic, int expected) {
        List<FrameRecord> received = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (received.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> received.add(FrameRecordCodec.decode(r.value())));
            }
        }
        return received;
    }
}
