package io.stride.e2e.soak;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.stride.core.testing.SharedData;
import io.stride.core.testing.StrideClient;
import io.stride.e2e.ScriptArguments;
import io.stride.e2e.bench.FleetHandle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The camera soak ({@code scripts/soak_camera.sh}): one camera (a real RTSP source, FFmpeg publishing a clip looped
 * in real time) through the real fleet for hours, sampled every minute: each service's resident set and heap after
 * a full collection, the recordings' disk, the broker's, the camera's counters. Ends with the table and a verdict:
 * memory flat, disk bounded by the retention, reconnects as expected (the source is killed once mid-run).
 * A harness, not a test: surefire does not run it (its name does not end in Test).
 */
public final class CameraSoak {

    private static final int EXIT_FAILED_VERDICT = 1;
    private static final int EXIT_USAGE = 2;
    private static final int EXIT_FAILED = 3;
    private static final long TICK_MILLIS = 2_000;
    private static final double SECONDS_PER_MINUTE = 60;
    private static final String POSE_ENABLED = "stride.rtmpose.enabled";

    private CameraSoak() {
    }

    public static void main(String[] args) {
        if (ScriptArguments.asksForHelp(args)) {
            System.out.print(CameraSoakOptions.USAGE);
            return;
        }
        quietLibraryLogs();
        CameraSoakOptions options;
        try {
            options = CameraSoakOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(CameraSoakOptions.USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        try {
            System.exit(run(options) ? 0 : EXIT_FAILED_VERDICT);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(EXIT_FAILED);
        }
    }

    static boolean run(CameraSoakOptions options) throws Exception {
        Path scratch = Files.createTempDirectory("stride-camera-soak");
        try {
            Path yoloxModel = SharedData.dir().resolve("models").resolve(SharedData.YOLOX_NANO);
            say("Starting the fleet…");
            Path dataDir = scratch.resolve("fleet");
            try (FleetHandle fleet = FleetHandle.start(dataDir, yoloxModel, scratch.resolve("no-pose-model.onnx"),
                    fleetArguments(options)).closingOnExit();
                 FleetSampler sampler = new FleetSampler(fleet);
                 CameraSource source = CameraSource.start(options.clip())) {
                int[] size = frameSize(options.clip());
                CameraTask task = CameraTask.create(fleet.client(), source.url(), "soak", size[0], size[1]);
                say("Camera task " + task.id() + " created on " + source.url() + "; waiting for it to go live…");
                task.awaitLive(fleet.client());
                List<CameraSample> samples = soak(fleet.client(), task, source, sampler,
                        dataDir.resolve("results").resolve(task.id()).resolve("segments"), options);
                fleet.client().delete("/tasks/" + task.id());
                CameraSoakReport.Verdict verdict = CameraSoakReport.verdict(samples, new CameraSoakReport.Bounds(
                        options.maxHeapGrowthMib(), options.maxBytes().toBytes(), options.hasOutage() ? 1 : 0));
                System.out.println();
                System.out.print(CameraSoakReport.table(samples));
                System.out.println();
                verdict.lines().forEach(System.out::println);
                System.out.println(machineLine());
                return verdict.passed();
            }
        } finally {
            deleteRecursively(scratch);
        }
    }

    private static List<CameraSample> soak(StrideClient client, CameraTask task, CameraSource source,
                                           FleetSampler sampler, Path segments, CameraSoakOptions options)
            throws Exception {
        List<CameraSample> samples = new ArrayList<>();
        Set<String> statusesSeen = new LinkedHashSet<>();
        long start = System.nanoTime();
        long end = start + options.duration().toNanos();
        long outageStart = start + options.outageAt().toNanos();
        long outageEnd = outageStart + options.outage().toNanos();
        boolean away = false;
        boolean outageDone = !options.hasOutage();
        long nextSample = start + options.interval().toNanos();
        say(String.format(Locale.ROOT, "Live; sampling every %d s for %d min%s…", options.interval().toSeconds(),
                options.duration().toMinutes(), options.hasOutage() ? ", the source away for "
                        + options.outage().toSeconds() + " s at minute " + options.outageAt().toMinutes() : ""));
        while (System.nanoTime() < end) {
            long now = System.nanoTime();
            if (!outageDone && !away && now >= outageStart) {
                say("Killing the source for " + options.outage().toSeconds() + " s");
                source.stopPublisher();
                away = true;
            } else if (away && now >= outageEnd) {
                source.publish();
                away = false;
                outageDone = true;
                say("Source back");
            }
            JsonNode status = task.status(client);
            statusesSeen.add(status.path("status").asString(""));
            if (now >= nextSample) {
                CameraSample sample = sample((now - start) / 1e9 / SECONDS_PER_MINUTE, status, sampler, segments);
                samples.add(sample);
                say(String.format(Locale.ROOT, "minute %.0f: %s, RSS %s, heap %s, segments %d (%.1f MiB), dropped %d",
                        sample.minute(), sample.status(), rounded(sample.rssMib()), rounded(sample.heapMib()),
                        sample.segments(), sample.diskBytes() / 1048576.0, sample.framesDropped()));
                nextSample += options.interval().toNanos();
            }
            Thread.sleep(TICK_MILLIS);
        }
        say("Statuses seen: " + String.join(", ", statusesSeen));
        return samples;
    }

    private static CameraSample sample(double minute, JsonNode status, FleetSampler sampler, Path segments)
            throws Exception {
        JsonNode camera = status.path("camera");
        SegmentFiles files = SegmentFiles.of(segments);
        return new CameraSample(minute, sampler.rssMib(), sampler.heapAfterGcMib(), files.bytes(), files.closed(),
                files.newest(), files.largestClosedBytes(), sampler.kafkaBytes(), status.path("status").asString(""),
                camera.path("input_fps").asDouble(0), camera.path("output_fps").asDouble(0),
                camera.path("frames_dropped").asLong(0), camera.path("reconnects").asLong(0));
    }

    /** Pose estimation is off unless asked for: no RTMPose weights ship with the test data. */
    private static List<String> fleetArguments(CameraSoakOptions options) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(POSE_ENABLED, "false");
        properties.put("stride.annotation.recording.segment-duration", options.segmentDuration().toSeconds() + "s");
        properties.put("stride.annotation.recording.max-bytes", options.maxBytes().toBytes() + "B");
        properties.putAll(options.overrides());
        List<String> arguments = new ArrayList<>();
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return arguments;
    }

    static int[] frameSize(Path video) throws Exception {
        try (var grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.start();
            return new int[] {grabber.getImageWidth(), grabber.getImageHeight()};
        }
    }

    /** The load average and cores: the soak shares the machine. */
    static String machineLine() throws IOException {
        return "Load average (1, 5, 15 min): " + Files.readString(Path.of("/proc/loadavg")).strip()
                + "; cores: " + Runtime.getRuntime().availableProcessors();
    }

    private static String rounded(Map<String, Double> values) {
        return values.values().stream().map(v -> String.valueOf(Math.round(v))).toList().toString();
    }

    /** FFmpeg, x264 and JavaCPP would print dozens of lines; errors still show. */
    static void quietLibraryLogs() {
        System.setProperty("org.bytedeco.javacpp.logger", "slf4j");
        ((Logger) LoggerFactory.getLogger("org.bytedeco")).setLevel(Level.WARN);
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    static void say(String message) {
        System.out.println("[camera-soak] " + message);
    }

    static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
