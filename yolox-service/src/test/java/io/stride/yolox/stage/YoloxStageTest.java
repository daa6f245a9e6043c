package io.stride.yolox.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.FrameRecordCodec;
import io.stride.core.image.JpegCodec;
import io.stride.core.testing.SharedData;
import io.stride.core.topic.Stage;
import io.stride.core.topic.TopicNames;
import io.stride.yolox.VideoFrames;
import io.stride.yolox.YoloxApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole service on an embedded broker: real frames in on raw_frames_<task>, detections out on yolox_<task>. */
@SpringBootTest(classes = YoloxApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}", "stride.inference.device=cpu"})
@EmbeddedKafka(partitions = 1)
class YoloxStageTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PERSON = 0;

    @Value("${spring.embedded.kafka.brokers}")
    private String brokers;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        registry.add("stride.yolox.model-path", () -> SharedData.model(SharedData.YOLOX_NANO).toString());
    }

    @Test
    void forwardsEveryFrameWithItsDetectionsAndThenTheEndOfStream() throws Exception {
        String taskId = TopicNames.newTaskId();
        List<FrameRecord> sent = new ArrayList<>();
        List<Mat> images = VideoFrames.read(SharedData.video(SharedData.PEOPLE_WALKING), 0, 30);
        try {
            for (int i = 0; i < images.size(); i++) {
                Mat image = images.get(i);
                sent.add(FrameRecord.frame(taskId, i, i * 33_367L, 29.97, image.cols(), image.rows(),
                        JpegCodec.encode(image, 90)));
            }
        } finally {
            images.forEach(Mat::close);
        }
        sent.add(FrameRecord.endOfStream(taskId, images.size(), 29.97, 1280, 720));

        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (FrameRecord record : sent) {
                producer.send(new ProducerRecord<>(Stage.RAW_FRAMES.topic(taskId), FrameRecordCodec.encode(record))).get();
            }
        }

        List<FrameRecord> received = receive(Stage.YOLOX.topic(taskId), sent.size());

        assertThat(received).extracting(FrameRecord::frameIndex).containsExactly(0L, 1L, 2L);
        for (int i = 0; i < 2; i++) {
            // The image stays on raw_frames: the record says where.
            assertThat(received.get(i).hasImage()).isFalse();
            assertThat(received.get(i).imageOffset()).isEqualTo(i);
            assertThat(received.get(i).detections()).anySatisfy(d -> {
                assertThat(d.classId()).isEqualTo(PERSON);
                assertThat(d.score()).isGreaterThan(0.5f);
            });
        }
        assertThat(received.get(2).isEndOfStream()).isTrue();
        assertThat(received.get(2).frameCount()).isEqualTo(2);
    }

    @Test
    void exposesTheStageMetricsToPrometheus() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("stride_stage_frames_in_total{stage=\"yolox\"}");
    }

    private List<FrameRecord> receive(String topic, int count) {
        List<FrameRecord> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "yolox-stage-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    records.add(FrameRecordCodec.decode(r.value()));
                }
            }
        }
        return records;
    }
}
