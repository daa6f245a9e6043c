package io.stride.e2e.bench;

import io.stride.core.testing.StrideClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fleet's timed tasks, each run the way a user drives it: upload, poll the status until {@code completed};
 * frames per second = frames / (upload to completed). Around them, where the time went: each process's CPU time,
 * and each stage's busy time and phases from its own {@code /actuator/prometheus}.
 *
 * @param frames        frames of one task, counted in its JSON Lines result
 * @param personsPosed  poses in each timed task's JSON Lines result: the persons the pose stage cropped and ran
 *                      through its model (0 with pose off)
 * @param seconds       upload to {@code completed}, for each timed task
 * @param cpuSeconds    CPU time of all processes (services and broker) during each timed task
 * @param services      per service, in chain order, over all timed tasks
 * @param brokerCpu     CPU seconds of the broker's process during the timed tasks
 * @param idleCores     cores each service, and the broker ({@link #BROKER}), kept busy while no task ran (polls,
 *                      timers, compilation), measured between the warm-up and the timed tasks
 * @param idleThreads   the same, per process, by thread name ({@link ThreadCpu}), busiest first
 * @param idleLater     the same as {@code idleCores}, measured again after the timed tasks: how much of the idle
 *                      CPU was the JVMs still settling (JIT compilation decays over minutes)
 * @param firstFrame    for every task in the order they ran (warm-up ones included, the first one right after
 *                      start-up): seconds from {@code POST /upload} returning to the annotation stage's first
 *                      {@code PROGRESS} on {@code stride_task_events}
 * @param firstStreamFrame for the untimed tasks (the first one right after start-up), seconds from the upload
 *                      returning to the first picture a player got from the task's RTSP stream
 *                      ({@link StreamFirstFrame}); the timed tasks are not watched, so that decoding the stream
 *                      does not take CPU from the fleet they time
 * @param firstProgress for the same tasks, seconds from the upload returning to each source's first
 *                      {@code PROGRESS} (the backend's decoder and every stage), earliest first: where the wait for
 *                      the first frame went
 * @param peakRssMib    peak resident memory of each service over the whole run
 * @param taskThreads   CPU seconds of each process's threads during the timed tasks, by thread name
 *                      ({@link ThreadCpu}), busiest first: what each process's CPU a frame was spent on
 */
record FleetRun(int frames, List<Long> personsPosed, List<Double> seconds, List<Double> cpuSeconds,
                Map<String, ServiceProfile> services,
                double brokerCpu, Map<String, Double> idleCores, Map<String, Map<String, Double>> idleThreads,
                Map<String, Double> idleLater,
                List<Double> firstFrame, List<Double> firstStreamFrame, List<Map<String, Double>> firstProgress,
                Map<String, Long> peakRssMib,
                Map<String, Map<String, Double>> taskThreads) {

    /** The key of the broker among the processes. */
    static final String BROKER = "broker";
    /** The pose stage's service among the processes. */
    static final String POSE_SERVICE = "rtmpose";

    /**
     * One service during the timed tasks.
     *
     * @param cpuSeconds   CPU time of its JVM, all threads
     * @param busySeconds  time its stage processor spent on batches ({@code stride_stage_batch_seconds_sum}); 0 for
     *                     the backend, which has no stage
     * @param phaseSeconds time of each phase the stage reports ({@code stride_stage_phase_seconds_sum})
     */
    record ServiceProfile(double cpuSeconds, double busySeconds, Map<String, Double> phaseSeconds) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration TASK_TIMEOUT = Duration.ofMinutes(10);
    /** Long enough to average over many consumer polls and several runs of every periodic job. */
    private static final Duration IDLE_SAMPLE = Duration.ofSeconds(30);
    private static final Duration STREAM_WAIT = Duration.ofSeconds(30);
    /** The stage whose first PROGRESS of a task marks its first annotated frame. */
    private static final String LAST_STAGE = "annotation";
    private static final double MILLIS_PER_SECOND = 1e3;
    private static final String BATCH_SUM = "stride_stage_batch_seconds_sum";
    private static final String PHASE_SUM = "stride_stage_phase_seconds_sum";
    private static final double NANOS_PER_SECOND = 1e9;

    /** Frames per second of each timed task. */
    List<Double> fpsOfEachTask() {
        return seconds.stream().map(s -> frames / s).toList();
    }

    /** Frames per second over all timed tasks. */
    double fps() {
        return framesTimed() / totalSeconds();
    }

    /** Frames of all timed tasks together, the denominator of every per-frame figure of the profile. */
    int framesTimed() {
        return frames * seconds.size();
    }

    /** Persons posed over all timed tasks. */
    long personsTimed() {
        return personsPosed.stream().mapToLong(Long::longValue).sum();
    }

    /** The pose stage over the timed tasks: its process's CPU time and phases, spread over frames and persons. */
    PoseCost poseCost() {
        ServiceProfile pose = services.get(POSE_SERVICE);
        return new PoseCost(framesTimed(), personsTimed(), pose.cpuSeconds(), pose.phaseSeconds());
    }

    /** Wall time of all timed tasks together. */
    double totalSeconds() {
        return seconds.stream().mapToDouble(Double::doubleValue).sum();
    }

    /** CPU seconds of all processes, the broker's included. */
    double totalCpuSeconds() {
        return brokerCpu + services.values().stream().mapToDouble(ServiceProfile::cpuSeconds).sum();
    }

    /** Seconds to the first annotated frame of the first task after start-up. */
    double firstFrameCold() {
        return firstFrame.get(0);
    }

    /** Median seconds to the first annotated frame over the tasks after the first. */
    double firstFrameWarm() {
        return medianAfterFirst(firstFrame);
    }

    /** Median seconds to the first picture on the stream over the watched tasks after the first. */
    double firstStreamFrameWarm() {
        return medianAfterFirst(firstStreamFrame);
    }

    private static double medianAfterFirst(List<Double> seconds) {
        List<Double> warm = seconds.subList(Math.min(1, seconds.size()), seconds.size()).stream().sorted().toList();
        int n = warm.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? warm.get(n / 2) : (warm.get(n / 2 - 1) + warm.get(n / 2)) / 2;
    }

    /** Cores all processes kept busy while idle. */
    double totalIdleCores() {
        return sum(idleCores);
    }

    /** Cores all processes kept busy while idle after the timed tasks. */
    double totalIdleLater() {
        return sum(idleLater);
    }

    private static double sum(Map<String, Double> values) {
        return values.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * Drives the fleet and records its timed tasks. Between tasks the harness may run other work in this JVM
     * (the baseline): only the tasks' own intervals count towards the broker's CPU.
     */
    static final class Recorder {

        private final FleetHandle fleet;
        private final StrideClient client;
        private final TaskEventLog events;
        private final List<Double> firstFrame = new ArrayList<>();
        private final List<Double> firstStreamFrame = new ArrayList<>();
        private final List<Map<String, Double>> firstProgress = new ArrayList<>();
        private final List<Double> seconds = new ArrayList<>();
        private final List<Double> cpuSeconds = new ArrayList<>();
        private final List<Long> personsPosed = new ArrayList<>();
        private final Map<String, Map<String, Double>> taskThreads = new LinkedHashMap<>();
        private Idle idleAfterWarmUp;
        private Map<String, Snapshot> before;
        private double brokerCpu;
        private int frames = -1;

        Recorder(FleetHandle fleet) {
            this.fleet = fleet;
            this.client = fleet.client();
            this.events = new TaskEventLog(fleet.bootstrapServers());
        }

        /** Runs the clip through the fleet {@code tasks} times, untimed, then measures the fleet at rest. */
        void warmUp(Path clip, int tasks) throws Exception {
            for (int i = 0; i < tasks; i++) {
                Upload upload = upload(clip);
                CompletableFuture<Double> firstPicture = StreamFirstFrame.watch(upload.streamUrl(),
                        upload.returnedAtNanos(), STREAM_WAIT);
                recordFirstProgress(upload);
                awaitCompleted(upload.taskId());
                firstStreamFrame.add(firstPicture.get());
            }
            idleAfterWarmUp = measureIdle();
        }

        /** CPU of every process, and of its threads, over {@link #IDLE_SAMPLE} with no task. */
        private Idle measureIdle() throws InterruptedException {
            Map<String, Double> start = cpuSecondsByProcess();
            Map<String, Map<String, Double>> threadsStart = threadCpuByProcess();
            long startNanos = System.nanoTime();
            Thread.sleep(IDLE_SAMPLE.toMillis());
            Map<String, Double> end = cpuSecondsByProcess();
            Map<String, Map<String, Double>> threadsEnd = threadCpuByProcess();
            double elapsed = (System.nanoTime() - startNanos) / NANOS_PER_SECOND;
            Map<String, Double> cores = new LinkedHashMap<>();
            end.forEach((process, cpu) -> cores.put(process, (cpu - start.get(process)) / elapsed));
            Map<String, Map<String, Double>> threads = new LinkedHashMap<>();
            threadsEnd.forEach((process, byName) -> {
                Map<String, Double> used = new LinkedHashMap<>();
                since(threadsStart.getOrDefault(process, Map.of()), byName).forEach((thread, cpu) ->
                        used.put(thread, cpu / elapsed));
                threads.put(process, used);
            });
            return new Idle(cores, threads);
        }

        /** Runs the clip through the fleet once, timed. */
        void timeTask(Path clip) throws Exception {
            if (before == null) {
                before = snapshot();
            }
            Map<String, Double> cpuBefore = cpuSecondsByProcess();
            Map<String, Map<String, Double>> threadsBefore = threadCpuByProcess();
            long start = System.nanoTime();
            Upload upload = upload(clip);
            recordFirstProgress(upload);
            String taskId = upload.taskId();
            awaitCompleted(taskId);
            seconds.add((System.nanoTime() - start) / NANOS_PER_SECOND);
            Map<String, Double> cpuAfter = cpuSecondsByProcess();
            threadCpuByProcess().forEach((process, byName) -> since(threadsBefore.getOrDefault(process, Map.of()),
                    byName).forEach((thread, cpu) ->
                    taskThreads.computeIfAbsent(process, p -> new LinkedHashMap<>()).merge(thread, cpu, Double::sum)));
            cpuSeconds.add(sum(cpuAfter) - sum(cpuBefore));
            brokerCpu += cpuAfter.get(BROKER) - cpuBefore.get(BROKER);
            List<JsonNode> results = frameResults(taskId);
            if (frames >= 0 && results.size() != frames) {
                throw new IllegalStateException("tasks of the same clip gave " + frames + " and " + results.size()
                        + " frames");
            }
            frames = results.size();
            personsPosed.add(results.stream().mapToLong(frame -> frame.path("poses").size()).sum());
        }

        /** Frames per second of the latest timed task. */
        double lastFps() {
            return frames / seconds.get(seconds.size() - 1);
        }

        /** Ends the timed tasks and measures the fleet at rest once more. */
        FleetRun finish() throws ReflectiveOperationException, InterruptedException {
            if (before == null) {
                throw new IllegalStateException("no timed task");
            }
            Map<String, Snapshot> after = snapshot();
            Idle later = measureIdle();
            Map<String, ServiceProfile> profiles = new LinkedHashMap<>();
            for (String name : fleet.services().keySet()) {
                profiles.put(name, after.get(name).since(before.get(name)));
            }
            events.close();
            return new FleetRun(frames, List.copyOf(personsPosed), List.copyOf(seconds), List.copyOf(cpuSeconds),
                    profiles, brokerCpu,
                    idleAfterWarmUp.cores(), idleAfterWarmUp.threads(), later.cores(), List.copyOf(firstFrame),
                    List.copyOf(firstStreamFrame), List.copyOf(firstProgress), fleet.peakRssMib(), busiestFirst(taskThreads));
        }

        private Upload upload(Path clip) throws Exception {
            HttpResponse<String> response = client.upload(clip);
            long returnedMillis = System.currentTimeMillis();
            long returnedNanos = System.nanoTime();
            if (response.statusCode() != 200) {
                throw new IllegalStateException("upload of " + clip + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            JsonNode body = JSON.readTree(response.body());
            return new Upload(body.get("task_id").asString(), body.get("stream_url").asString(), returnedMillis,
                    returnedNanos);
        }

        /** Waits for the annotation stage's first PROGRESS of the task and notes when every source's came. */
        private void recordFirstProgress(Upload upload) {
            long returned = upload.returnedAtMillis();
            firstFrame.add((events.firstProgress(upload.taskId(), LAST_STAGE) - returned) / MILLIS_PER_SECOND);
            Map<String, Double> steps = new LinkedHashMap<>();
            events.firstProgressBySource(upload.taskId()).forEach((source, millis) ->
                    steps.put(source, (millis - returned) / MILLIS_PER_SECOND));
            firstProgress.add(steps);
        }

        private void awaitCompleted(String taskId) throws InterruptedException {
            long deadline = System.nanoTime() + TASK_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode status = JSON.readTree(client.get("/status/" + taskId).body());
                switch (status.path("status").asString("")) {
                    case "completed" -> {
                        return;
                    }
                    case "failed" -> throw new IllegalStateException("task " + taskId + " failed: " + status);
                    default -> Thread.sleep(POLL_INTERVAL.toMillis());
                }
            }
            throw new IllegalStateException("task " + taskId + " not completed within " + TASK_TIMEOUT);
        }

        /** The task's JSON Lines result, one node per annotated frame. */
        private List<JsonNode> frameResults(String taskId) {
            HttpResponse<String> annotations = client.get("/result/" + taskId + "/annotations");
            if (annotations.statusCode() != 200) {
                throw new IllegalStateException("annotations of task " + taskId + ": " + annotations.statusCode());
            }
            return annotations.body().lines().filter(line -> !line.isBlank()).map(JSON::readTree).toList();
        }

        private Map<String, Double> cpuSecondsByProcess() {
            Map<String, Double> cpu = new LinkedHashMap<>();
            fleet.services().forEach((name, service) -> cpu.put(name, ProcessCpu.ofPid(service.pid())));
            cpu.put(BROKER, ProcessCpu.ofPid(fleet.brokerPid()));
            return cpu;
        }

        private Map<String, Map<String, Double>> threadCpuByProcess() {
            Map<String, Map<String, Double>> cpu = new LinkedHashMap<>();
            fleet.services().forEach((name, service) -> cpu.put(name, ThreadCpu.ofPid(service.pid())));
            cpu.put(BROKER, ThreadCpu.ofPid(fleet.brokerPid()));
            return cpu;
        }

        private static double sum(Map<String, Double> values) {
            return values.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** CPU seconds each thread name used from {@code start} to {@code end}, busiest first, none idle. */
        private static Map<String, Double> since(Map<String, Double> start, Map<String, Double> end) {
            Map<String, Double> used = new LinkedHashMap<>();
            end.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - start.getOrDefault(e.getKey(), 0.0)))
                    .filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(e -> used.put(e.getKey(), e.getValue()));
            return used;
        }

        private static Map<String, Map<String, Double>> busiestFirst(Map<String, Map<String, Double>> byProcess) {
            Map<String, Map<String, Double>> sorted = new LinkedHashMap<>();
            byProcess.forEach((process, threads) -> sorted.put(process, since(Map.of(), threads)));
            return sorted;
        }

        private Map<String, Snapshot> snapshot() {
            Map<String, Snapshot> snapshots = new LinkedHashMap<>();
            fleet.services().forEach((name, service) -> {
                PrometheusText metrics = new PrometheusText(
                        new StrideClient(service.baseUrl()).get("/actuator/prometheus").body());
                snapshots.put(name, new Snapshot(ProcessCpu.ofPid(service.pid()),
                        metrics.sum(BATCH_SUM, Map.of()), metrics.sumsBy(PHASE_SUM, "phase", Map.of())));
            });
            return snapshots;
        }
    }

    /** A task as its upload's answer named it, and when that answer came. */
    private record Upload(String taskId, String streamUrl, long returnedAtMillis, long returnedAtNanos) {
    }

    /** Cores each process kept busy with no task, in all and by thread name. */
    private record Idle(Map<String, Double> cores, Map<String, Map<String, Double>> threads) {
    }

    /** Cumulative counters of one service at one moment. */
    private record Snapshot(double cpuSeconds, double busySeconds, Map<String, Double> phaseSeconds) {

        ServiceProfile since(Snapshot earlier) {
            Map<String, Double> phases = new LinkedHashMap<>();
            phaseSeconds.forEach((phase, total) ->
                    phases.put(phase, total - earlier.phaseSeconds.getOrDefault(phase, 0.0)));
            return new ServiceProfile(cpuSeconds - earlier.cpuSeconds, busySeconds - earlier.busySeconds, phases);
        }
    }
}
