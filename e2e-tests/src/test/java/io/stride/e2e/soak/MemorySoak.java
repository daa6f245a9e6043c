package io.stride.e2e.soak;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.stride.core.testing.SharedData;
import io.stride.core.testing.StrideClient;
import io.stride.e2e.ScriptArguments;
import io.stride.e2e.bench.FleetHandle;
import io.stride.e2e.bench.FleetHandle.ServiceView;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.global.avutil;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The memory soak ({@code scripts/soak_memory.sh}): one long task (10,000 frames by default) through the real
 * fleet, each service's resident set sampled against the frames it has processed, to show that memory stays
 * flat: no native memory leaks from JavaCV frames or ONNX tensors, which the Java heap's limit would not stop.
 * A harness, not a test: surefire does not run it (its name does not end in Test).
 *
 * <p>Runs with {@code e2e-tests} as the working directory, after the services' executable jars are built.
 */
public final class MemorySoak {

    private static final int EXIT_OVER_BOUND = 1;
    private static final int EXIT_USAGE = 2;
    private static final int EXIT_FAILED = 3;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A 10,000-frame 720p task takes about seven minutes on two cores; this is for slower machines. */
    private static final Duration TASK_TIMEOUT = Duration.ofHours(2);
    private static final int PROGRESS_REPORTS = 10;
    private static final String POSE_ENABLED = "stride.rtmpose.enabled";
    /**
     * Whose count in the task's {@code frames_done} stands for each service's frames. The backend reports none
     * of its own; the detector's count trails its decoding by at most {@code stride.backend.max-frames-ahead}.
     */
    private static final Map<String, String> FRAMES_OF = Map.of("backend", "yolox", "yolox", "yolox",
            "bytetrack", "bytetrack", "rtmpose", "rtmpose", "annotation", "annotation");

    private MemorySoak() {
    }

    public static void main(String[] args) {
        if (ScriptArguments.asksForHelp(args)) {
            System.out.print(SoakOptions.USAGE);
            return;
        }
        quietLibraryLogs();
        SoakOptions options;
        try {
            options = SoakOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(SoakOptions.USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        try {
            SoakRun run = run(options);
            System.out.println();
            System.out.print(SoakReport.render(run, options.maxSlope()));
            List<String> over = SoakReport.overBound(run, options.maxSlope());
            if (!over.isEmpty()) {
                System.err.printf(Locale.ROOT, "[soak] RSS grew more than %.1f MiB per 1,000 frames in: %s%n",
                        options.maxSlope(), String.join(", ", over));
                System.exit(EXIT_OVER_BOUND);
            }
            System.exit(0);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(EXIT_FAILED);
        }
    }

    static SoakRun run(SoakOptions options) throws Exception {
        Path scratch = Files.createTempDirectory("stride-soak");
        try {
            Path yoloxModel = SharedData.dir().resolve("models").resolve(SharedData.YOLOX_NANO);
            if (!Files.isRegularFile(yoloxModel)) {
                throw new IllegalArgumentException("no detector model at " + yoloxModel);
            }
            say(String.format(Locale.ROOT, "Writing a %d-frame video from %s%s…", options.frames(),
                    options.clip().getFileName(), options.size().map(s -> " at " + s.width() + "x" + s.height())
                            .orElse("")));
            Path video = LoopedClip.write(options.clip(), options.frames(), options.size(),
                    scratch.resolve("soak.mp4"));
            say("Starting the fleet…");
            try (FleetHandle fleet = FleetHandle.start(scratch.resolve("fleet"), yoloxModel,
                    scratch.resolve("no-pose-model.onnx"), fleetArguments(options))) {
                return soak(fleet, video, options);
            }
        } finally {
            deleteRecursively(scratch);
        }
    }

    private static SoakRun soak(FleetHandle fleet, Path video, SoakOptions options) throws Exception {
        StrideClient client = fleet.client();
        HttpResponse<String> upload = client.upload(video);
        if (upload.statusCode() != 200) {
            throw new IllegalStateException("upload answered " + upload.statusCode() + ": " + upload.body());
        }
        String taskId = JSON.readTree(upload.body()).get("task_id").asString();
        say("Task " + taskId + " uploaded; sampling every " + options.interval().toMillis() + " ms…");
        Map<String, MemoryTrace> traces = new LinkedHashMap<>();
        Map<String, JavaHeapMapping> heaps = new LinkedHashMap<>();
        for (ServiceView service : fleet.services().values()) {
            traces.put(service.name(), new MemoryTrace());
            heaps.put(service.name(), JavaHeapMapping.of(service.pid()));
        }
        long deadline = System.nanoTime() + TASK_TIMEOUT.toNanos();
        long nextReport = options.frames() / PROGRESS_REPORTS;
        while (true) {
            JsonNode task = JSON.readTree(client.get("/tasks/" + taskId).body());
            String status = task.path("status").asString("");
            if (status.equals("failed") || status.equals("cancelled")) {
                throw new IllegalStateException("task " + taskId + " " + status + ": " + task.path("error").asString(""));
            }
            sample(fleet, task.path("frames_done"), heaps, traces);
            long annotated = task.path("frames_done").path("annotation").asLong(0);
            if (annotated >= nextReport || status.equals("completed")) {
                say(annotated + "/" + options.frames() + " frames annotated; RSS MiB: " + latestRss(traces));
                nextReport = annotated + options.frames() / PROGRESS_REPORTS;
            }
            if (status.equals("completed")) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("task " + taskId + " not completed within " + TASK_TIMEOUT);
            }
            Thread.sleep(options.interval().toMillis());
        }
        int annotated = annotatedFrames(client, taskId);
        if (annotated != options.frames()) {
            throw new IllegalStateException("the task has " + annotated + " annotated frames, not " + options.frames());
        }
        return new SoakRun(options.frames(), traces, fleet.peakRssMib());
    }

    private static void sample(FleetHandle fleet, JsonNode framesDone, Map<String, JavaHeapMapping> heaps,
                               Map<String, MemoryTrace> traces) throws IOException {
        for (ServiceView service : fleet.services().values()) {
            long frame = framesDone.path(FRAMES_OF.get(service.name())).asLong(0);
            traces.get(service.name()).add(new MemoryTrace.Sample(frame, ProcessMemory.rssMib(service.pid()),
                    heaps.get(service.name()).residentMib(service.pid())));
        }
    }

    private static String latestRss(Map<String, MemoryTrace> traces) {
        return traces.entrySet().stream()
                .map(e -> {
                    List<MemoryTrace.Sample> samples = e.getValue().samples();
                    return e.getKey() + " " + (samples.isEmpty() ? "–"
                            : String.valueOf(Math.round(samples.get(samples.size() - 1).rssMib())));
                })
                .collect(Collectors.joining(", "));
    }

    /** Pose estimation is off unless asked for: no RTMPose weights ship with the test data. */
    private static List<String> fleetArguments(SoakOptions options) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(POSE_ENABLED, "false");
        properties.putAll(options.overrides());
        List<String> arguments = new ArrayList<>();
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return arguments;
    }

    private static int annotatedFrames(StrideClient client, String taskId) {
        HttpResponse<String> annotations = client.get("/result/" + taskId + "/annotations");
        if (annotations.statusCode() != 200) {
            throw new IllegalStateException("annotations of task " + taskId + ": " + annotations.statusCode());
        }
        return (int) annotations.body().lines().filter(line -> !line.isBlank()).count();
    }

    /** FFmpeg, x264 and JavaCPP would print dozens of lines per clip written; errors still show. */
    private static void quietLibraryLogs() {
        System.setProperty("org.bytedeco.javacpp.logger", "slf4j");
        ((Logger) LoggerFactory.getLogger("org.bytedeco")).setLevel(Level.WARN);
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private static void say(String message) {
        System.out.println("[soak] " + message);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
