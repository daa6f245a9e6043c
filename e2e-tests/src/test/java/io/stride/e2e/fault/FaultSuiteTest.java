package io.stride.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.core.testing.SharedData;
import io.stride.core.topic.Stage;
import io.stride.core.kafka.KafkaClients;
import io.stride.core.testing.TestBroker;
import io.stride.e2e.AnalyticsTopic;
import io.stride.e2e.Fleet;
import io.stride.e2e.Recount;
import io.stride.e2e.ServiceProcess;
import io.stride.rtmpose.testing.ExactAnswerPoseModel;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issues 9's, 13's and 17's faults against the real fleet: five service JVMs and a Kafka broker process on loopback,
 * killed, stopped and started again while tasks run. One fleet serves the whole suite (each test leaves it whole), so the
 * tests run in the order below; each records a row of {@code target/fault-table.md}
 * (fault, expected, observed, frames lost, frames doubled), also when it fails; the services' and the broker's logs
 * are copied to {@code target/fault-logs}.
 *
 * <p>Every task's results are audited frame by frame: the clip has each frame's index stamped into its pixels
 * ({@link StampedClip}), so the MP4 is checked for the indices {@code 0..n-1} exactly once and in order, and so are
 * the annotations' {@code frame} fields ({@link FrameAudit}).
 *
 * <p>Three settings shape the timings. A SIGKILLed stage's consumer leaves its group only when its session times
 * out ({@code stride.kafka.session-timeout}, 10 s here, Kafka's 45 s by default), so a killed stage's partitions
 * move on then or when it is back, whichever is later; the stall limit stays at 120 s until the last two tests,
 * which need it short (15 s); the long task's topics keep frames only {@link #LONG_RETENTION}. The decoder may
 * run only 60 frames ahead of the annotated ones, so decoding lasts as long as the task and a kill at 30 % falls
 * while the backend is still decoding.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FaultSuiteTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CLIP_FRAMES = 240;
    private static final int SHORT_CLIP_FRAMES = 45;
    /** Long enough that a kill at 90 % falls before the end: progress is reported every 500 ms. */
    private static final int KILL_CLIP_FRAMES = 900;
    /** Room for the short clip's results, not for the kill clip's. */
    private static final String RESULTS_VOLUME = "8m";
    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;
    private static final int KILL_AT_PERCENT = 30;
    private static final int ANALYTICS_KILL_AT_PERCENT = 50;
    /** Where the kill clip's people walk (people-walking at half size), clear of the frame index stamp. */
    private static final List<Recount.Line> KILL_LINES = List.of(
            new Recount.Line("middle", 320, 0, 320, 320), new Recount.Line("floor", 0, 280, 640, 280));
    private static final List<Recount.Zone> KILL_ZONES = List.of(new Recount.Zone("front",
            new double[][] {{200, 225}, {440, 225}, {440, 320}, {200, 320}}));
    private static final int CANCEL_AT_PERCENT = 10;
    private static final int CONCURRENT_UPLOADS = 20;
    private static final int TASKS_IN_FLIGHT = 4;
    private static final int SHARED_TASKS = 3;
    /** How long both yolox instances may take to have done some of the shared tasks' frames. */
    private static final Duration SHARE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LONG_STALL_LIMIT = Duration.ofSeconds(120);
    private static final Duration SHORT_STALL_LIMIT = Duration.ofSeconds(15);
    private static final Duration BROKER_OUTAGE = Duration.ofMinutes(3);
    /**
     * Long enough that retention removes a task's first frames while it runs: the fleet does about 70 fps on this
     * clip on the 2-core reference machine, so the task runs about 90 s and its first frames expire after about 40.
     */
    private static final int LONG_CLIP_FRAMES = 6000;
    /**
     * Shorter than the long task, longer than what a restarted stateful stage reads back: the frames since its last
     * checkpoint or closed segment (seconds), the session timeout and the restart.
     */
    private static final Duration LONG_RETENTION = Duration.ofSeconds(30);
    private static final Duration LONG_TASK_TIMEOUT = Duration.ofMinutes(6);
    /** How soon a killed stage's tasks move on; Kafka's 45 s default would outlast the long task's retention. */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    /** A killed stage's partitions wait out the 45 s session; restarting and catching up take the rest. */
    private static final Duration TASK_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration PROGRESS_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(30);
    /** How long a failed task is watched after its stage is back, for signs of it coming back to life. */
    private static final Duration AFTERLIFE = Duration.ofSeconds(10);

    @TempDir
    static Path dataDir;

    private static ExternalBroker broker;
    private static Fleet fleet;
    private static TaskWatch watch;
    private static Path clip;
    private static Path shortClip;
    private static Path killClip;
    private static Duration backendStallLimit = LONG_STALL_LIMIT;
    private static final FaultTable TABLE = new FaultTable(Path.of("target", "fault-table.md"));
    /** Every task the suite ran to its end, with its final status, to check that restarts forget none. */
    private static final Map<String, String> ENDED_TASKS = new LinkedHashMap<>();

    @BeforeAll
    static void startFleet() throws Exception {
        Path source = SharedData.video(SharedData.PEOPLE_WALKING);
        Path yolox = SharedData.model(SharedData.YOLOX_NANO);
        clip = StampedClip.write(source, CLIP_FRAMES, WIDTH, HEIGHT, dataDir.resolve("stamped.mp4"));
        shortClip = StampedClip.write(source, SHORT_CLIP_FRAMES, WIDTH, HEIGHT, dataDir.resolve("stamped-short.mp4"));
        killClip = StampedClip.writeLooped(source, KILL_CLIP_FRAMES, WIDTH, HEIGHT,
                dataDir.resolve("stamped-kill.mp4"));
        Path poseModel = ExactAnswerPoseModel.write(dataDir.resolve("exact-pose.onnx"), 192, 256);
        broker = ExternalBroker.start(dataDir.resolve("kafka"));
        fleet = Fleet.onBroker(broker.bootstrapServers(), dataDir, yolox, poseModel, List.of(
                "--stride.backend.max-frames-ahead=60",
                "--stride.backend.stall-timeout=" + LONG_STALL_LIMIT.toSeconds() + "s",
                "--stride.backend.max-tasks-in-flight=" + TASKS_IN_FLIGHT,
                // Every upload of the concurrent row is received at once, so it tests the admission queue; the
                // limit on uploads being received has its own test (UploadFloodTest).
                "--stride.upload.max-concurrent=" + CONCURRENT_UPLOADS,
                "--stride.kafka.session-timeout=" + SESSION_TIMEOUT.toSeconds() + "s"));
        watch = new TaskWatch(fleet.client());
    }

    @AfterAll
    static void stopFleet() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
        if (broker != null) {
            broker.close();
        }
        keepLogs();
        System.out.println("Fault table (" + Path.of("target", "fault-table.md").toAbsolutePath() + "):\n"
                + TABLE.markdown());
    }

    @Order(1)
    @ParameterizedTest(name = "SIGKILL {0}-service at {1} %")
    @CsvSource({"yolox, 10", "bytetrack, 50", "rtmpose, 90", "annotation, 50", "annotation, 90"})
    void stageKilledMidTaskRestartsAndTheTaskCompletesFrameExact(String stage, int percent) throws Exception {
        TABLE.record("SIGKILL " + stage + "-service at " + percent + " % of a " + KILL_CLIP_FRAMES
                        + "-frame task, start it again",
                "completes; MP4 and annotations hold 0..n-1 once each, in order", row -> {
            String taskId = watch.upload(killClip);
            int killedAt = TaskWatch.progress(watch.awaitProgress(taskId, percent, PROGRESS_TIMEOUT));
            long kill = System.nanoTime();
            assertKilledBySigkill(stage);
            fleet.startAgain(stage);
            double restartSeconds = secondsSince(kill);
            JsonNode end = awaitEnd(taskId, TASK_TIMEOUT);
            String timing = "killed at " + killedAt + " %, up again after " + fmt(restartSeconds) + " s, ended "
                    + fmt(secondsSince(kill)) + " s after the kill";
            assertCompletedFrameExact(row, taskId, end, KILL_CLIP_FRAMES, timing);
            assertThat(killedAt).as("progress at the kill: frames were left to do").isLessThan(100);
        });
    }

    @Order(2)
    @Test
    void annotationKilledMidTaskWithLinesAndAZoneCountsAsAnUninterruptedRun() throws Exception {
        TABLE.record("SIGKILL annotation-service at " + ANALYTICS_KILL_AT_PERCENT + " % of a " + KILL_CLIP_FRAMES
                        + "-frame task with lines and a zone, start it again",
                "completes frame-exact; analytics and events equal an uninterrupted run's recomputation; live events "
                        + "on the topic, deduped by event_id, equal the final events", row -> {
            String taskId = watch.upload(killClip, Recount.options(KILL_LINES, KILL_ZONES, ""));
            int killedAt = TaskWatch.progress(watch.awaitProgress(taskId, ANALYTICS_KILL_AT_PERCENT, PROGRESS_TIMEOUT));
            long kill = System.nanoTime();
            assertKilledBySigkill("annotation");
            fleet.startAgain("annotation");
            JsonNode end = awaitEnd(taskId, TASK_TIMEOUT);
            String timing = "killed at " + killedAt + " %, ended " + fmt(secondsSince(kill)) + " s after the kill";
            if (!TaskWatch.state(end).equals("completed")) {
                assertCompletedFrameExact(row, taskId, end, KILL_CLIP_FRAMES, timing);
            }
            List<String> jsonLines = watch.client().get("/result/" + taskId + "/annotations").body().lines().toList();
            // The exported tracks are the whole task's, frame-exact (audited below): counted again here, they give
            // what an uninterrupted annotation stage would have counted.
            Recount.Result uninterrupted = Recount.count(taskId, jsonLines, KILL_LINES, KILL_ZONES);
            Recount.Totals totals = Recount.Totals.parse(watch.client().get("/result/" + taskId + "/analytics").body());
            List<JsonNode> events = watch.client().get("/result/" + taskId + "/events").body().lines()
                    .map(line -> JSON.readTree(line)).toList();
            List<JsonNode> published = AnalyticsTopic.eventsOf(
                    new KafkaClients(TestBroker.kafkaSettings(broker.bootstrapServers())), taskId);
            Map<String, JsonNode> deduped = new LinkedHashMap<>();
            List<String> changedRepeats = new ArrayList<>();
            for (JsonNode event : published) {
                JsonNode first = deduped.putIfAbsent(event.get("event_id").asText(), event);
                if (first != null && !first.equals(event)) {
                    changedRepeats.add(event.get("event_id").asText());
                }
            }
            List<JsonNode> topicEvents = new ArrayList<>(deduped.values());
            topicEvents.sort(Comparator.comparingLong((JsonNode e) -> e.get("frame").asLong())
                    .thenComparingLong(e -> Long.parseLong(e.get("event_id").asText().replaceAll(".*:", ""))));
            assertCompletedFrameExact(row, taskId, end, KILL_CLIP_FRAMES, timing + "; analytics "
                    + (totals.equals(uninterrupted.totals()) ? "equal" : "DIFFER") + ", events "
                    + (events.equals(uninterrupted.events()) ? "equal" : "DIFFER") + " (" + events.size()
                    + "); topic " + published.size() + " records, " + (published.size() - deduped.size())
                    + " repeats, deduped " + (topicEvents.equals(uninterrupted.liveEvents()) ? "equal" : "DIFFER"));
            assertThat(totals).as("analytics after the kill").isEqualTo(uninterrupted.totals());
            assertThat(events).as("events after the kill").isEqualTo(uninterrupted.events());
            assertThat(events).extracting(e -> e.get("type").asText()).as("the lines and the zone were used")
                    .contains("line_crossed", "zone_entered");
            assertThat(changedRepeats).as("event ids sent again with another content").isEmpty();
            assertThat(topicEvents).as("the topic's events deduped by event_id").isEqualTo(uninterrupted.liveEvents());
        });
    }

    @Order(3)
    @Test
    void secondYoloxInstanceSharesTheWorkAndTakesOverWhenTheOtherIsKilled() throws Exception {
        TABLE.record("2 yolox instances (one group) on " + SHARED_TASKS + " tasks; SIGKILL one mid-task",
                "both do work; the survivor takes over; all tasks complete frame-exact", row -> {
            long earlierFrames = StageFrameCounter.framesOut(fleet.baseUrl("yolox"));
            fleet.addInstance("yolox", "yolox-2");
            // Healthy is not yet in the group: tasks uploaded before the second consumer joins all go to the first.
            awaitGroupMembers("stride-yolox", 2, Duration.ofSeconds(90));
            List<String> tasks = new ArrayList<>();
            for (int i = 0; i < SHARED_TASKS; i++) {
                tasks.add(watch.upload(clip));
            }
            watch.awaitProgress(tasks.get(0), KILL_AT_PERCENT, PROGRESS_TIMEOUT);
            // New topics reach the second member a rebalance or two after the first (each finds them at its own
            // metadata refresh); on a fast machine 30 % can come before that.
            long shareDeadline = System.nanoTime() + SHARE_TIMEOUT.toNanos();
            long firstShare;
            long secondShare;
            do {
                Thread.sleep(200);
                firstShare = StageFrameCounter.framesOut(fleet.baseUrl("yolox")) - earlierFrames;
                secondShare = StageFrameCounter.framesOut(fleet.baseUrl("yolox-2"));
            } while ((firstShare == 0 || secondShare == 0) && System.nanoTime() < shareDeadline);
            // Kill the added instance if it has work to lose, else the original, which then has it all.
            String victim = secondShare > 0 ? "yolox-2" : "yolox";
            long kill = System.nanoTime();
            assertKilledBySigkill(victim);
            List<FrameAudit> audits = new ArrayList<>();
            List<String> states = new ArrayList<>();
            for (String taskId : tasks) {
                JsonNode end = awaitEnd(taskId, TASK_TIMEOUT);
                states.add(TaskWatch.state(end));
                if (TaskWatch.state(end).equals("completed")) {
                    FrameAudit audit = ResultFrames.audit(watch.client(), taskId, CLIP_FRAMES, dataDir);
                    audits.add(audit);
                    row.frames(audit);
                }
            }
            row.observed("frames out before the kill: yolox " + firstShare + ", yolox-2 " + secondShare + "; killed "
                    + victim + "; tasks " + states + " within " + fmt(secondsSince(kill)) + " s of the kill; "
                    + audits.stream().filter(FrameAudit::exact).count() + "/" + tasks.size() + " frame-exact");
            if (victim.equals("yolox")) {
                fleet.startAgain("yolox");
            }
            fleet.removeInstance("yolox-2");
            assertThat(states).as("final states").containsOnly("completed");
            assertThat(audits).allSatisfy(audit -> assertThat(audit.exact()).as(audit.describe()).isTrue());
            assertThat(secondShare).as("frames yolox-2 produced before the kill: the group shares tasks")
                    .isPositive();
            assertThat(firstShare).as("frames yolox produced before the kill: the group shares tasks").isPositive();
        });
    }

    private static void awaitGroupMembers(String group, int members, Duration timeout) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            long deadline = System.nanoTime() + timeout.toNanos();
            int seen = 0;
            while (System.nanoTime() < deadline) {
                seen = admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().size();
                if (seen >= members) {
                    return;
                }
                Thread.sleep(500);
            }
            throw new AssertionError(group + " has " + seen + " members after " + timeout + ", expected " + members);
        }
    }

    @Order(4)
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void brokerStoppedForMinutesMidTask() throws Exception {
        TABLE.record("broker stopped for " + BROKER_OUTAGE.toMinutes() + " min at 30 %, started on the same data",
                "completes frame-exact; no service restarted", row -> {
            Map<String, Long> pids = pids();
            String taskId = watch.upload(clip);
            int stoppedAt = TaskWatch.progress(watch.awaitProgress(taskId, KILL_AT_PERCENT, PROGRESS_TIMEOUT));
            broker.stop();
            long stop = System.nanoTime();
            Thread.sleep(BROKER_OUTAGE.toMillis());
            String statusDuringOutage = TaskWatch.state(watch.status(taskId));
            broker.startAgain();
            JsonNode end = awaitEnd(taskId, TASK_TIMEOUT);
            String timing = "stopped at " + stoppedAt + " % (/status said " + statusDuringOutage
                    + " during the outage), ended " + fmt(secondsSince(stop)) + " s after the stop";
            Map<String, Long> pidsAfter = pids();
            assertThat(pidsAfter).as("service processes (no restart)").isEqualTo(pids);
            assertCompletedFrameExact(row, taskId, end, CLIP_FRAMES, timing + "; all 5 services kept their process");
        });
    }

    @Order(5)
    @Test
    void backendStartedWhileTheBrokerIsDownWorksOnceItIsBack() throws Exception {
        TABLE.record("broker stopped, backend SIGKILLed and started while it is down, broker started",
                "upload meanwhile: 503 naming Kafka within 30 s, nothing stored; then a task completes frame-exact",
                row -> {
            assertKilledBySigkill("backend");
            broker.stop();
            ExecutorService starter = Executors.newSingleThreadExecutor();
            try {
                Future<?> backendUp = starter.submit(() -> fleet.startAgain("backend"));
                awaitAnswer(() -> watch.client().get("/status/" + java.util.UUID.randomUUID()));
                List<Path> jobsBefore = listFiles(fleet.jobsDir());
                long upload = System.nanoTime();
                HttpResponse<String> refused = watch.client().upload(shortClip);
                double answeredIn = secondsSince(upload);
                boolean nothingStored = listFiles(fleet.jobsDir()).equals(jobsBefore);
                long brokerStart = System.nanoTime();
                broker.startAgain();
                backendUp.get(PROGRESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                double readyAfter = secondsSince(brokerStart);
                String taskId = watch.upload(clip);
                JsonNode end = awaitEnd(taskId, TASK_TIMEOUT);
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                assertThat(refused.body()).contains("Kafka");
                assertThat(answeredIn).as("seconds to answer the upload").isLessThan(30);
                assertThat(nothingStored).as("no upload left in the jobs directory").isTrue();
                assertCompletedFrameExact(row, taskId, end, CLIP_FRAMES, "upload while the broker was down: "
                        + refused.statusCode() + " in " + fmt(answeredIn) + " s, "
                        + (nothingStored ? "nothing stored" : "FILES LEFT") + "; backend UP " + fmt(readyAfter)
                        + " s after the broker started");
            } finally {
                starter.shutdownNow();
            }
        });
    }

    /** The first answer of a backend that is starting (connection refused until its web server listens). */
    private static void awaitAnswer(java.util.concurrent.Callable<HttpResponse<String>> request) throws Exception {
        long deadline = System.nanoTime() + PROGRESS_TIMEOUT.toNanos();
        while (true) {
            try {
                request.call();
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    private static List<Path> listFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Order(6)
    @Test
    @Timeout(value = 16, unit = TimeUnit.MINUTES)
    void taskLongerThanItsTopicsRetentionSurvivesKillsOfBothStatefulStages() throws Exception {
        TABLE.record("a " + LONG_CLIP_FRAMES + "-frame task, topic retention " + LONG_RETENTION.toSeconds()
                        + " s; SIGKILL bytetrack and annotation once its first frames expired, start them again",
                "completes frame-exact; JSON Lines identical to an uninterrupted run's", row -> {
            fleet.restart("backend", "--stride.backend.topic-retention=" + LONG_RETENTION.toSeconds() + "s");
            Path longClip = StampedClip.writeLooped(SharedData.video(SharedData.PEOPLE_WALKING), LONG_CLIP_FRAMES,
                    WIDTH, HEIGHT, dataDir.resolve("stamped-long.mp4"));
            String reference = watch.upload(longClip);
            JsonNode referenceEnd = awaitEnd(reference, LONG_TASK_TIMEOUT);
            assertThat(TaskWatch.state(referenceEnd)).as("the uninterrupted run").isEqualTo("completed");
            String expected = annotations(reference);

            String taskId = watch.upload(longClip);
            long start = System.nanoTime();
            awaitFirstFramesExpired(taskId);
            double expiredAfter = secondsSince(start);
            int killedAt = TaskWatch.progress(watch.status(taskId));
            long kill = System.nanoTime();
            assertKilledBySigkill("bytetrack");
            assertKilledBySigkill("annotation");
            fleet.startAgain("bytetrack");
            fleet.startAgain("annotation");
            JsonNode end = awaitEnd(taskId, LONG_TASK_TIMEOUT);
            boolean identical = TaskWatch.state(end).equals("completed") && annotations(taskId).equals(expected);
            assertCompletedFrameExact(row, taskId, end, LONG_CLIP_FRAMES, "frame 0 left every topic of the task "
                    + fmt(expiredAfter) + " s after the upload; killed at " + killedAt + " %, ended "
                    + fmt(secondsSince(kill)) + " s after the kill; JSON Lines "
                    + (identical ? "identical to" : "DIFFERENT from") + " the uninterrupted run's");
            assertThat(killedAt).as("progress at the kill: frames were left to do").isLessThan(95);
            assertThat(identical).as("JSON Lines identical to the uninterrupted run's").isTrue();
        });
    }

    private static String annotations(String taskId) {
        HttpResponse<String> response = watch.client().get("/result/" + taskId + "/annotations");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** Waits until retention has removed the first records of the task's frame topics. */
    private static void awaitFirstFramesExpired(String taskId) throws Exception {
        List<TopicPartition> partitions = Stream.of(Stage.RAW_FRAMES, Stage.YOLOX, Stage.RTMPOSE)
                .map(stage -> new TopicPartition(stage.topic(taskId), 0)).toList();
        Map<TopicPartition, OffsetSpec> earliest = new LinkedHashMap<>();
        partitions.forEach(partition -> earliest.put(partition, OffsetSpec.earliest()));
        long deadline = System.nanoTime() + LONG_TASK_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            while (true) {
                var offsets = admin.listOffsets(earliest).all().get();
                if (offsets.values().stream().allMatch(offset -> offset.offset() > 0)) {
                    return;
                }
                if (System.nanoTime() > deadline || TaskWatch.ENDED.contains(TaskWatch.state(watch.status(taskId)))) {
                    throw new AssertionError("the task's first frames did not expire while it ran: " + offsets);
                }
                Thread.sleep(1000);
            }
        }
    }

    @Order(7)
    @Test
    void twentyUploadsAtOnceAllCompleteFrameExact() throws Exception {
        TABLE.record(CONCURRENT_UPLOADS + " uploads at once of a " + SHORT_CLIP_FRAMES + "-frame clip",
                "all complete frame-exact; those over the in-flight limit (" + TASKS_IN_FLIGHT + ") report queued",
                row -> {
            long start = System.nanoTime();
            var busyAnswers = new AtomicInteger();
            List<String> tasks = uploadAtOnce(CONCURRENT_UPLOADS, busyAnswers);
            int mostQueued = 0;
            boolean positionsShown = true;
            Map<String, String> states = new LinkedHashMap<>();
            List<String> notCompleted = new ArrayList<>();
            long deadline = System.nanoTime() + TASK_TIMEOUT.toNanos();
            while (states.size() < tasks.size() && System.nanoTime() < deadline) {
                int queued = 0;
                for (String taskId : tasks) {
                    if (states.containsKey(taskId)) {
                        continue;
                    }
                    JsonNode status = watch.status(taskId);
                    String state = TaskWatch.state(status);
                    if (state.equals("queued")) {
                        queued++;
                        positionsShown &= status.hasNonNull("queue_position");
                    } else if (TaskWatch.ENDED.contains(state)) {
                        states.put(taskId, state);
                        ENDED_TASKS.put(taskId, state);
                        if (!state.equals("completed")) {
                            notCompleted.add(taskId + " " + state + ": \"" + status.path("error").asText() + "\"");
                        }
                    }
                }
                mostQueued = Math.max(mostQueued, queued);
                Thread.sleep(200);
            }
            double seconds = secondsSince(start);
            long completed = states.values().stream().filter("completed"::equals).count();
            int exact = 0;
            for (String taskId : tasks) {
                if ("completed".equals(states.get(taskId))) {
                    FrameAudit audit = ResultFrames.audit(watch.client(), taskId, SHORT_CLIP_FRAMES, dataDir);
                    row.frames(audit);
                    exact += audit.exact() ? 1 : 0;
                }
            }
            row.observed(completed + "/" + tasks.size() + " completed in " + fmt(seconds) + " s, " + exact
                    + " frame-exact; at most " + mostQueued + " queued at once; " + busyAnswers.get()
                    + " uploads told 503 + Retry-After (receiving limit) and sent again"
                    + (mostQueued > 0 && !positionsShown ? " (without queue_position)" : "")
                    + (notCompleted.isEmpty() ? "" : "; not completed: " + String.join("; ", notCompleted)));
            assertThat(states).as("ended tasks").hasSize(tasks.size());
            assertThat(completed).as("completed tasks (others: %s)", notCompleted).isEqualTo(tasks.size());
            assertThat(exact).as("frame-exact tasks").isEqualTo(tasks.size());
            assertThat(mostQueued).as("tasks seen queued at once").isPositive();
            assertThat(positionsShown).as("every queued status has a queue_position").isTrue();
        });
    }

    @Order(8)
    @Test
    void backendKilledWhileDecodingResumesOrFailsSayingSo() throws Exception {
        TABLE.record("SIGKILL backend at 30 %, while decoding; start it again",
                "task completes frame-exact or fails saying the backend restarted; /status answers for every "
                        + "earlier task", row -> {
            String taskId = watch.upload(clip);
            int killedAt = TaskWatch.progress(watch.awaitProgress(taskId, KILL_AT_PERCENT, PROGRESS_TIMEOUT));
            boolean decoding = !watch.view(taskId).path("frames_exact").asBoolean(true);
            long kill = System.nanoTime();
            assertKilledBySigkill("backend");
            // The restarted backend gets the short stall limit: a task nobody decodes any more must end soon.
            fleet.startAgain("backend", "--stride.backend.stall-timeout=" + SHORT_STALL_LIMIT.toSeconds() + "s");
            backendStallLimit = SHORT_STALL_LIMIT;
            int firstAnswer = watch.client().get("/status/" + taskId).statusCode();
            double unknownFor = awaitKnown(taskId);
            JsonNode end = awaitEnd(taskId, TASK_TIMEOUT);
            List<String> forgotten = new ArrayList<>();
            ENDED_TASKS.forEach((earlier, state) -> {
                JsonNode status = watch.client().get("/status/" + earlier).statusCode() == 200
                        ? watch.status(earlier) : null;
                if (status == null || !TaskWatch.state(status).equals(state)) {
                    forgotten.add(earlier + " (was " + state + ", now " + status + ")");
                }
            });
            String timing = "killed at " + killedAt + " % " + (decoding ? "while decoding" : "after decoding ended")
                    + ", ended " + fmt(secondsSince(kill)) + " s after the kill; "
                    + (firstAnswer == 200 ? "" : "/status " + firstAnswer + " for " + fmt(unknownFor)
                            + " s after the restarted backend reported UP; ")
                    + "/status of " + (ENDED_TASKS.size() - forgotten.size() - 1) + "/" + (ENDED_TASKS.size() - 1)
                    + " earlier tasks unchanged";
            assertThat(decoding).as("the backend was decoding the task when it was killed").isTrue();
            if (TaskWatch.state(end).equals("failed")) {
                row.observed("failed: \"" + end.path("error").asText() + "\"; " + timing);
                assertThat(end.path("error").asText()).as("the reason names the restart").containsIgnoringCase("restart");
            } else {
                assertCompletedFrameExact(row, taskId, end, CLIP_FRAMES, timing);
            }
            assertThat(firstAnswer).as("/status of the task as soon as the restarted backend is UP (then known after %s s)",
                    fmt(unknownFor)).isEqualTo(200);
            assertThat(forgotten).as("earlier tasks whose /status changed or vanished").isEmpty();
        });
    }

    @Order(9)
    @Test
    void stageDownPastTheStallLimitFailsTheTaskForGood() throws Exception {
        TABLE.record("SIGKILL rtmpose at 30 %, down past the stall limit (" + SHORT_STALL_LIMIT.toSeconds() + " s)",
                "failed, reason names rtmpose-service; topics removed; rtmpose back later does not revive it",
                row -> {
            if (!backendStallLimit.equals(SHORT_STALL_LIMIT)) {
                fleet.restart("backend", "--stride.backend.stall-timeout=" + SHORT_STALL_LIMIT.toSeconds() + "s");
                backendStallLimit = SHORT_STALL_LIMIT;
            }
            String taskId = watch.upload(clip);
            watch.awaitProgress(taskId, KILL_AT_PERCENT, PROGRESS_TIMEOUT);
            long kill = System.nanoTime();
            assertKilledBySigkill("rtmpose");
            JsonNode end = awaitEnd(taskId, TASK_TIMEOUT);
            double failedAfter = secondsSince(kill);
            String error = end.path("error").asText();
            boolean topicsGone = awaitTopicsGone(taskId);
            fleet.startAgain("rtmpose");
            Thread.sleep(AFTERLIFE.toMillis());
            JsonNode later = watch.status(taskId);
            boolean stillGone = taskTopics(taskId).isEmpty();
            int resultStatus = watch.client().get("/result/" + taskId).statusCode();
            row.observed(TaskWatch.state(end) + " " + fmt(failedAfter) + " s after the kill: \"" + error + "\"; topics "
                    + (topicsGone ? "removed" : "NOT removed") + "; " + AFTERLIFE.toSeconds()
                    + " s after rtmpose returned: " + TaskWatch.state(later) + ", topics "
                    + (stillGone ? "absent" : "back") + ", /result " + resultStatus);
            assertThat(TaskWatch.state(end)).isEqualTo("failed");
            assertThat(error).matches("no progress from rtmpose-service for \\d+ s");
            assertThat(topicsGone).as("the task's topics were removed").isTrue();
            assertThat(TaskWatch.state(later)).isEqualTo("failed");
            assertThat(later.path("error").asText()).isEqualTo(error);
            assertThat(stillGone).as("no topic of the task came back").isTrue();
            assertThat(resultStatus).isEqualTo(404);
        });
    }

    @Order(10)
    @Test
    void cancellingATaskMidStreamHoldsNoOtherTaskUp() throws Exception {
        TABLE.record("a task cancelled mid-stream while another runs (stall limit " + SHORT_STALL_LIMIT.toSeconds()
                        + " s)", "the other completes frame-exact; the cancelled one's topics removed", row -> {
            if (!backendStallLimit.equals(SHORT_STALL_LIMIT)) {
                fleet.restart("backend", "--stride.backend.stall-timeout=" + SHORT_STALL_LIMIT.toSeconds() + "s");
                backendStallLimit = SHORT_STALL_LIMIT;
            }
            String running = watch.upload(clip);
            watch.awaitProgress(running, CANCEL_AT_PERCENT, PROGRESS_TIMEOUT);
            String cancelled = watch.upload(clip);
            // Frames of the cancelled task are on their way through the stages when its topics are deleted.
            watch.awaitProgress(cancelled, CANCEL_AT_PERCENT, PROGRESS_TIMEOUT);
            long cancel = System.nanoTime();
            int deleteStatus = watch.client().delete("/tasks/" + cancelled).statusCode();
            JsonNode end = awaitEnd(running, TASK_TIMEOUT);
            boolean topicsGone = awaitTopicsGone(cancelled);
            String cancelledState = TaskWatch.state(watch.status(cancelled));
            assertCompletedFrameExact(row, running, end, CLIP_FRAMES, "cancelled the other (" + cancelledState
                    + ", topics " + (topicsGone ? "removed" : "NOT removed") + "), this one ended "
                    + fmt(secondsSince(cancel)) + " s later");
            assertThat(deleteStatus).isEqualTo(200);
            assertThat(cancelledState).isEqualTo("cancelled");
            assertThat(topicsGone).as("the cancelled task's topics were removed").isTrue();
        });
    }

    @Order(11)
    @Test
    void aFullResultsVolumeFailsThatTaskWithAReasonAndTheNextCompletes() throws Exception {
        TABLE.record("results volume full (a " + RESULTS_VOLUME + " tmpfs) under a " + KILL_CLIP_FRAMES
                        + "-frame task, then a " + SHORT_CLIP_FRAMES + "-frame one",
                "the first fails, its reason from the annotation service; the second completes frame-exact", row -> {
            Path results = Files.createDirectories(fleet.resultsDir());
            run("mount", "-t", "tmpfs", "-o", "size=" + RESULTS_VOLUME, "tmpfs", results.toString());
            try {
                String big = watch.upload(killClip);
                JsonNode bigEnd = awaitEnd(big, TASK_TIMEOUT);
                String small = watch.upload(shortClip);
                JsonNode smallEnd = awaitEnd(small, TASK_TIMEOUT);
                String error = bigEnd.path("error").asText();
                assertCompletedFrameExact(row, small, smallEnd, SHORT_CLIP_FRAMES,
                        "the first " + TaskWatch.state(bigEnd) + ": \"" + error + "\"");
                assertThat(TaskWatch.state(bigEnd)).isEqualTo("failed");
                assertThat(error).startsWith("annotation: ");
            } finally {
                run("umount", "-l", results.toString());
            }
        });
    }

    @Order(12)
    @Test
    void annotationKilledTheMomentItsResultLandsLeavesTheTaskCompleted() throws Exception {
        TABLE.record("SIGKILL annotation-service the moment the task's result is moved into place, start it again",
                "completes frame-exact, never failed (its COMPLETED may not have been sent)", row -> {
            Path results = Files.createDirectories(fleet.resultsDir());
            String taskId;
            String statusAtKill;
            try (WatchService watcher = results.getFileSystem().newWatchService()) {
                results.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
                taskId = watch.upload(clip);
                awaitResultFile(watcher, taskId);
                assertKilledBySigkill("annotation");
                statusAtKill = TaskWatch.state(watch.status(taskId));
            }
            fleet.startAgain("annotation");
            JsonNode end = awaitEnd(taskId, TASK_TIMEOUT);
            assertCompletedFrameExact(row, taskId, end, CLIP_FRAMES, "/status said " + statusAtKill
                    + " right after the kill");
        });
    }

    /** Waits until one of the task's final result files appears in the results directory. */
    private static void awaitResultFile(WatchService watcher, String taskId) throws InterruptedException {
        long deadline = System.nanoTime() + TASK_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            WatchKey key = watcher.poll(100, TimeUnit.MILLISECONDS);
            if (key == null) {
                continue;
            }
            for (WatchEvent<?> event : key.pollEvents()) {
                String name = String.valueOf(event.context());
                if (name.equals(taskId + ".mp4") || name.equals(taskId + ".jsonl")) {
                    return;
                }
            }
            key.reset();
        }
        throw new AssertionError("the results of task " + taskId + " did not appear within " + TASK_TIMEOUT);
    }

    /** Runs a command of the machine's (mount, umount), which must succeed. */
    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (the suite runs as root, as CI does): "
                    + output);
        }
    }

    /** The services' and the broker's logs outlive the temporary directory, for whoever reads a failure. */
    private static void keepLogs() throws IOException {
        Path kept = Path.of("target", "fault-logs");
        Files.createDirectories(kept);
        List<Path> logs = new ArrayList<>();
        if (Files.isDirectory(dataDir.resolve("logs"))) {
            try (var files = Files.list(dataDir.resolve("logs"))) {
                logs.addAll(files.toList());
            }
        }
        logs.add(dataDir.resolve("kafka").resolve("kafka.log"));
        for (Path log : logs) {
            if (Files.exists(log)) {
                Files.copy(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void assertKilledBySigkill(String instance) throws InterruptedException {
        int exit = fleet.kill(instance);
        assertThat(ServiceProcess.killedBySigkill(exit)).as("%s's exit value %d is SIGKILL's", instance, exit).isTrue();
    }

    /** Notes the outcome of a task expected to complete, audits its results, and asserts both. */
    private static void assertCompletedFrameExact(FaultTable.Observation row, String taskId, JsonNode end,
                                                  int frames, String timing) throws Exception {
        if (!TaskWatch.state(end).equals("completed")) {
            row.observed(TaskWatch.state(end) + ": \"" + end.path("error").asText() + "\"; " + timing);
            throw new AssertionError("task " + taskId + " ended " + end + "; " + timing);
        }
        FrameAudit audit = ResultFrames.audit(watch.client(), taskId, frames, dataDir);
        row.frames(audit);
        row.observed("completed, " + (audit.exact() ? "frame-exact" : audit.describe()) + "; " + timing);
        assertThat(audit.exact()).as(audit.describe()).isTrue();
    }

    private static JsonNode awaitEnd(String taskId, Duration timeout) throws InterruptedException {
        JsonNode end = watch.awaitEnd(taskId, timeout);
        ENDED_TASKS.put(taskId, TaskWatch.state(end));
        return end;
    }

    /** Seconds until {@code /status} knows the task (a restarted backend replays the events); fails after a minute. */
    private static double awaitKnown(String taskId) throws InterruptedException {
        long start = System.nanoTime();
        while (watch.client().get("/status/" + taskId).statusCode() != 200) {
            if (secondsSince(start) > PROGRESS_TIMEOUT.toSeconds()) {
                throw new AssertionError("the restarted backend does not know task " + taskId + " after "
                        + PROGRESS_TIMEOUT);
            }
            Thread.sleep(100);
        }
        return secondsSince(start);
    }

    /** Uploads at once, each sent again after a 503 for the receiving limit, as a client should. */
    private static List<String> uploadAtOnce(int count, AtomicInteger busyAnswers) throws Exception {
        ExecutorService uploads = Executors.newFixedThreadPool(count);
        try {
            List<Future<String>> accepted = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                accepted.add(uploads.submit(() -> watch.uploadWhenNotBusy(shortClip, busyAnswers)));
            }
            List<String> tasks = new ArrayList<>();
            for (Future<String> task : accepted) {
                tasks.add(task.get());
            }
            return tasks;
        } finally {
            uploads.shutdownNow();
        }
    }

    private static boolean awaitTopicsGone(String taskId) throws Exception {
        long deadline = System.nanoTime() + CLEANUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (taskTopics(taskId).isEmpty()) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    private static List<String> taskTopics(String taskId) throws Exception {
        return fleet.topics().stream().filter(topic -> topic.endsWith(taskId)).toList();
    }

    private static Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String service : Fleet.SERVICES) {
            ServiceProcess process = fleet.instance(service);
            pids.put(service, process.isAlive() ? process.pid() : -1);
        }
        return pids;
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    private static String fmt(double seconds) {
        return String.format(Locale.ROOT, "%.0f", seconds);
    }
}
