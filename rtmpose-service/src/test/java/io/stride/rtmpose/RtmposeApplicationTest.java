package io.stride.rtmpose;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.FrameRecordCodec;
import io.stride.core.frame.Keypoint;
import io.stride.core.frame.Pose;
import io.stride.core.frame.TrackedObject;
import io.stride.core.image.JpegCodec;
import io.stride.core.topic.Stage;
import io.stride.core.topic.TopicNames;
import io.stride.rtmpose.testing.DotFrame;
import io.stride.rtmpose.testing.ExactAnswerPoseModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service as deployed: its application.yaml wires it between the ByteTrack and RTMPose topics. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@EmbeddedKafka(partitions = 1, topics = {
        TopicNames.TASK_EVENTS,
        "bytetrack_" + RtmposeApplicationTest.TASK,
        "rtmpose_" + RtmposeApplicationTest.TASK})
class RtmposeApplicationTest {

    static final String TASK = "6b1f4c3e-2a7d-4e8b-9c0d-1e2f3a4b5c6d";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    EmbeddedKafkaBroker broker;

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("rtmpose-app-test");
        Path model = ExactAnswerPoseModel.write(dir.resolve("rtmpose-m.onnx"), 192, 256);
        registry.add("stride.rtmpose.model-path", model::toString);
        registry.add("stride.inference.device", () -> "cpu");
        registry.add("spring.kafka.bootstrap-servers", () -> System.getProperty("spring.embedded.kafka.brokers"));
    }

    @Test
    void consumesTrackedFramesAndProducesThemWithPoses() throws Exception {
        byte[] jpeg;
        try (DotFrame frame = new DotFrame(320, 240).square(150, 100, 2)) {
            jpeg = JpegCodec.encode(frame.image(), 95);
        }
        FrameRecord tracked = FrameRecord.frame(TASK, 0, 0, 25, 320, 240, jpeg)
                .withTracks(List.of(new TrackedObject(4, new BoundingBox(110, 40, 190, 200), 0.9f, 0)));
        try (Producer<String, byte[]> producer = new KafkaProducer<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Stage.BYTETRACK.topic(TASK), FrameRecordCodec.encode(tracked))).get();
            producer.send(new ProducerRecord<>(Stage.BYTETRACK.topic(TASK),
                    FrameRecordCodec.encode(FrameRecord.endOfStream(TASK, 1, 25, 320, 240)))).get();
        }

        List<FrameRecord> out = readTwo(Stage.RTMPOSE.topic(TASK));

        assertThat(out.get(0).poses()).extracting(Pose::trackId).containsExactly(4);
        for (Keypoint keypoint : out.get(0).poses().get(0).keypoints()) {
            assertThat(keypoint.x()).isBetween(148f, 152f);
            assertThat(keypoint.y()).isBetween(98f, 102f);
        }
        assertThat(out.get(0).jpeg()).isEqualTo(jpeg);
        assertThat(out.get(1).isEndOfStream()).isTrue();
    }

    private List<FrameRecord> readTwo(String topic) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "rtmpose-application-test", false);
        props.put("auto.offset.reset", "earliest");
        List<FrameRecord> records = new ArrayList<>();
        try (Consumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (records.size() < 2 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(FrameRecordCodec.decode(record.value()));
                }
            }
        }
        assertThat(records).hasSize(2);
        return records;
    }
}
