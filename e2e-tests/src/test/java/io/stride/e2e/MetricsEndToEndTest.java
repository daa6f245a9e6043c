package io.stride.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.core.testing.SharedData;
import io.stride.core.testing.StrideClient;
import io.stride.rtmpose.testing.ExactAnswerPoseModel;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an operator sees at {@code /actuator/prometheus} of every service once one real clip has gone through
 * the real fleet: every stage counted each record once, timed its batches, and failed nothing; the backend
 * counts the task as completed, measured its duration and upload, and sees no stage lagging.
 */
class MetricsEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TASK_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration LAG_TIMEOUT = Duration.ofSeconds(20);
    /** The clip's frames; every stage also consumes and forwards the task's end-of-stream record. */
    private static final int CLIP_FRAMES = 5;
    private static final int RECORDS = CLIP_FRAMES + 1;
    private static final List<String> STAGES = List.of("yolox", "bytetrack", "rtmpose", "annotation");
    /** Multipart framing around the file in an upload request: boundaries and part headers. */
    private static final int MULTIPART_OVERHEAD_LIMIT = 1024;

    @TempDir
    static Path dataDir;

    private static Fleet fleet;

    @BeforeAll
    static void startFleet() throws Exception {
        Path poseModel = ExactAnswerPoseModel.write(dataDir.resolve("exact-pose.onnx"), 192, 256);
        fleet = new Fleet(dataDir, SharedData.model(SharedData.YOLOX_NANO), poseModel,
                "--stride.metrics.lag-interval=500ms");
    }

    @AfterAll
    static void stopFleet() throws InterruptedException {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void everyServiceReportsWhatTheTaskDid() throws Exception {
        Path clip = SharedData.video(SharedData.MMPOSE_DEMO);
        StrideClient client = fleet.client();
        long start = System.nanoTime();
        HttpResponse<String> upload = client.upload(clip);
        assertThat(upload.statusCode()).isEqualTo(200);
        String taskId = JSON.readTree(upload.body()).get("task_id").asText();
        awaitCompleted(client, taskId);
        double taskSeconds = (System.nanoTime() - start) / 1e9;

        Map<String, String> processing = new LinkedHashMap<>();
        for (String stage : STAGES) {
            Scrape metrics = scrape(stage);
            assertStageMetrics(stage, metrics, taskSeconds);
            processing.put(stage, String.format("%d batches %.3f s", (long) metrics.value(
                    "stride_stage_batch_seconds_count", Map.of("stage", stage)), metrics.value(
                    "stride_stage_batch_seconds_sum", Map.of("stage", stage))));
        }
        assertDetectorMetrics(scrape("yolox"));
        Scrape backend = scrape("backend");
        assertBackendMetrics(backend, Files.size(clip), taskSeconds);
        assertReadiness();
        System.out.printf("METRICS: task seen done after %.1f s, stride_task_duration %.1f s; %s%n", taskSeconds,
                backend.value("stride_task_duration_seconds_sum", Map.of("outcome", "completed")), processing);
    }

    private static void assertStageMetrics(String stage, Scrape metrics, double taskSeconds) {
        Map<String, String> tags = Map.of("stage", stage);
        assertThat(metrics.value("stride_stage_frames_in_total", tags)).as("%s records in", stage).isEqualTo(RECORDS);
        assertThat(metrics.value("stride_stage_frames_out_total", tags)).as("%s records out", stage).isEqualTo(RECORDS);

        double batches = metrics.value("stride_stage_batch_seconds_count", tags);
        assertThat(batches).as("%s batches", stage).isBetween(1.0, (double) RECORDS);
        assertThat(metrics.value("stride_stage_batch_seconds_sum", tags)).as("%s processing seconds", stage)
                .isPositive().isLessThan(taskSeconds);
        assertThat(metrics.value("stride_stage_batch_seconds_bucket", Map.of("stage", stage, "le", "+Inf")))
                .as("%s latency histogram", stage).isEqualTo(batches);

        assertThat(metrics.sum("stride_stage_errors_total", tags)).as("%s errors", stage).isZero();
    }

    /** YOLOX-Nano has a fixed batch of one: one inference, one preprocess and one postprocess per frame. */
    private static void assertDetectorMetrics(Scrape metrics) {
        Map<String, String> yolox = Map.of("stage", "yolox");
        assertThat(metrics.value("stride_inference_batch_size_count", yolox)).isEqualTo(CLIP_FRAMES);
        assertThat(metrics.value("stride_inference_batch_size_sum", yolox)).isEqualTo(CLIP_FRAMES);
        for (String phase : List.of("preprocess", "inference", "postprocess")) {
            Map<String, String> tags = Map.of("stage", "yolox", "phase", phase);
            assertThat(metrics.value("stride_stage_phase_seconds_count", tags)).as(phase).isEqualTo(CLIP_FRAMES);
            assertThat(metrics.value("stride_stage_phase_seconds_sum", tags)).as(phase).isPositive();
        }
    }

    private static void assertBackendMetrics(Scrape metrics, long clipBytes, double taskSeconds) throws Exception {
        assertThat(metrics.value("stride_tasks", Map.of("state", "completed"))).isEqualTo(1);
        assertThat(metrics.value("stride_tasks", Map.of("state", "running"))).isZero();
        assertThat(metrics.value("stride_tasks", Map.of("state", "failed"))).isZero();

        Map<String, String> completed = Map.of("outcome", "completed");
        assertThat(metrics.value("stride_task_duration_seconds_count", completed)).isEqualTo(1);
        assertThat(metrics.value("stride_task_duration_seconds_sum", completed)).isPositive().isLessThan(taskSeconds);

        Map<String, String> accepted = Map.of("outcome", "accepted");
        assertThat(metrics.value("stride_upload_bytes_count", accepted)).isEqualTo(1);
        assertThat(metrics.value("stride_upload_bytes_sum", accepted))
                .isBetween((double) clipBytes, (double) clipBytes + MULTIPART_OVERHEAD_LIMIT);
        assertThat(metrics.value("http_server_requests_seconds_count",
                Map.of("method", "POST", "uri", "/upload", "status", "200"))).isEqualTo(1);

        // Measured every 500 ms: a lag of NaN would mean the backend cannot read the groups' offsets.
        long deadline = System.nanoTime() + LAG_TIMEOUT.toNanos();
        Scrape latest = metrics;
        while (!allCaughtUp(latest) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            latest = scrape("backend");
        }
        for (String stage : STAGES) {
            assertThat(latest.value("stride_stage_consumer_lag", Map.of("stage", stage))).as("%s lag", stage).isZero();
        }
    }

    private static boolean allCaughtUp(Scrape backend) {
        return STAGES.stream().allMatch(stage -> backend.value("stride_stage_consumer_lag", Map.of("stage", stage)) == 0);
    }

    private static void assertReadiness() throws Exception {
        for (String service : Fleet.SERVICES) {
            HttpResponse<String> readiness = client(service).get("/actuator/health/readiness");
            assertThat(readiness.statusCode()).as("%s readiness", service).isEqualTo(200);
            assertThat(JSON.readTree(readiness.body()).get("status").asText()).isEqualTo("UP");
        }
        JsonNode backend = JSON.readTree(client("backend").get("/actuator/health/readiness").body());
        assertThat(backend.at("/components/kafka/status").asText()).as("backend readiness %s", backend).isEqualTo("UP");
    }

    private static void awaitCompleted(StrideClient client, String taskId) throws Exception {
        long deadline = System.nanoTime() + TASK_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = JSON.readTree(client.get("/status/" + taskId).body());
            assertThat(status.get("status").asText()).as("status %s", status).isIn("queued", "running", "completed");
            if (status.get("status").asText().equals("completed")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("task " + taskId + " did not complete within " + TASK_TIMEOUT);
    }

    private static StrideClient client(String service) {
        return new StrideClient(fleet.baseUrl(service));
    }

    private static Scrape scrape(String service) {
        HttpResponse<String> response = client(service).get("/actuator/prometheus");
        assertThat(response.statusCode()).as("%s /actuator/prometheus", service).isEqualTo(200);
        return Scrape.parse(response.body());
    }

    /** The samples of one Prometheus text exposition. */
    private record Scrape(List<Sample> samples) {

        private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
        private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

        record Sample(String name, Map<String, String> labels, double value) {
        }

        static Scrape parse(String text) {
            List<Sample> samples = new ArrayList<>();
            for (String line : text.split("\n")) {
                Matcher sample = SAMPLE.matcher(line);
                if (line.startsWith("#") || !sample.find()) {
                    continue;
                }
                Map<String, String> labels = new HashMap<>();
                if (sample.group(3) != null) {
                    Matcher label = LABEL.matcher(sample.group(3));
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2));
                    }
                }
                samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(4))));
            }
            return new Scrape(samples);
        }

        /** The value of the one sample with this name and (at least) these labels. */
        double value(String name, Map<String, String> labels) {
            List<Sample> matching = matching(name, labels);
            assertThat(matching).as("samples %s%s", name, labels).hasSize(1);
            return matching.get(0).value();
        }

        /** The sum of every sample with this name and these labels; 0 when there is none. */
        double sum(String name, Map<String, String> labels) {
            return matching(name, labels).stream().mapToDouble(Sample::value).sum();
        }

        private List<Sample> matching(String name, Map<String, String> labels) {
            return samples.stream()
                    .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                    .toList();
        }
    }
}
