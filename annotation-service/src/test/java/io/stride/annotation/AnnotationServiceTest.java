package io.stride.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.FrameRecordCodec;
import io.stride.core.frame.TrackedObject;
import io.stride.core.image.JpegCodec;
import io.stride.core.result.ResultFiles;
import io.stride.core.security.AccessPolicy;
import io.stride.core.security.SecurityProperties;
import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEventCodec;
import io.stride.core.topic.Stage;
import io.stride.core.topic.TopicNames;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** The service as deployed: application.yaml, the auto-configured stage runner and a real (embedded) broker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "stride.rtsp.enabled=false", "stride.rtsp.embedded.enabled=false",
                "stride.security.api-key=" + AnnotationServiceTest.API_KEY, "stride.preview.idle-timeout=1s"})
@EmbeddedKafka(partitions = 1, brokerProperties = "group.initial.rebalance.delay.ms=0")
class AnnotationServiceTest extends DeployedServiceFixture {

    static final String API_KEY = "test-key";
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final int FRAMES = 6;
    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;

    @Test
    void annotatesAnRtmposeTopicIntoResultFilesAndAnnouncesCompletion() throws Exception {
        String taskId = TopicNames.newTaskId();
        List<FrameRecord> sent = new ArrayList<>();
        byte[] jpeg = greyJpeg();
        for (int i = 0; i < FRAMES; i++) {
            sent.add(FrameRecord.frame(taskId, i, i * 40_000L, 25, WIDTH, HEIGHT, jpeg)
                    .withTracks(List.of(new TrackedObject(1, new BoundingBox(40 + 5 * i, 60, 140 + 5 * i, 220),
                            0.9f, 0))));
        }
        sent.add(FrameRecord.endOfStream(taskId, FRAMES, 25, WIDTH, HEIGHT));
        try (var producer = frameProducer()) {
            for (FrameRecord record : sent) {
                producer.send(new ProducerRecord<>(Stage.RTMPOSE.topic(taskId), FrameRecordCodec.encode(record))).get();
            }
        }

        TaskEvent completed = awaitTerminalEvent(taskId);

        assertThat(completed.type()).as("event %s", completed).isEqualTo(TaskEvent.Type.COMPLETED);
        assertThat(completed.source()).isEqualTo("annotation");
        assertThat(completed.frameCount()).isEqualTo(FRAMES);
        ResultFiles files = new ResultFiles(results);
        assertThat(Files.readAllLines(files.annotations(taskId))).hasSize(FRAMES);
        assertThat(ResultFiles.partial(files.video(taskId))).doesNotExist();
        try (var grabber = new FFmpegFrameGrabber(files.video(taskId).toFile())) {
            grabber.start();
            assertThat(grabber.getImageWidth()).isEqualTo(WIDTH);
            int frames = 0;
            while (grabber.grabImage() != null) {
                frames++;
            }
            assertThat(frames).isEqualTo(FRAMES);
        }
    }

    @Test
    void exposesPrometheusMetrics() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void withAnOperatorKeyThePreviewOpensWithItOrTheTasksTokenAndHealthStaysOpen() throws Exception {
        String task = TopicNames.newTaskId();
        String preview = "/preview/" + task;
        // Tokens are signed with a secret derived from the operator key: any service with the key issues them.
        var access = AccessPolicy.of(new SecurityProperties(API_KEY, "", Duration.ofHours(1)), Clock.systemUTC());
        String token = access.tokenFor(task).orElseThrow();
        String otherTasksToken = access.tokenFor(TopicNames.newTaskId()).orElseThrow();

        for (HttpResponse<String> response : List.of(get(preview, null), get(preview, "guess"),
                get(preview + "?token=" + otherTasksToken, null), get(preview + "?api_key=" + API_KEY, null))) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).contains("\"status\":401", "\"error\":\"Unauthorized\"");
        }
            HttpResponse<InputStream> withToken = HttpClient.newHttpClient().send(
                request(preview + "?token=" + token, null), HttpResponse.BodyHandlers.ofInputStream());
        withToken.body().close();
        assertThat(withToken.statusCode()).isEqualTo(200);
        HttpResponse<InputStream> withHeader = HttpClient.newHttpClient().send(request(preview, API_KEY),
                HttpResponse.BodyHandlers.ofInputStream());
        withHeader.body().close();
        assertThat(withHeader.statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path, String apiKey) throws Exception {
        return HttpClient.newHttpClient().send(request(path, apiKey), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path, String apiKey) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return request.build();
    }

    private TaskEvent awaitTerminalEvent(String taskId) {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + taskId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(TopicNames.TASK_EVENTS));
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    TaskEvent event = TaskEventCodec.decode(record.value());
                    if (event.taskId().equals(taskId) && event.isTerminal()) {
                        return event;
                    }
                }
            }
        }
        throw new AssertionError("no COMPLETED or FAILED event for task " + taskId + " within " + DEADLINE);
    }

    private static byte[] greyJpeg() {
        try (Scalar grey = new Scalar(110, 120, 130, 0);
             Mat image = new Mat(HEIGHT, WIDTH, CV_8UC3, grey)) {
            return JpegCodec.encode(image, 90);
        }
    }
}
