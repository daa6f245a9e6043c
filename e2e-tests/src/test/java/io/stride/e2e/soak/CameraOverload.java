package io.stride.e2e.soak;

import io.stride.core.testing.SharedData;
import io.stride.core.testing.StrideClient;
import io.stride.e2e.ScriptArguments;
import io.stride.e2e.bench.FleetHandle;
import io.stride.e2e.fault.FrameIndexStamp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;

/**
 * The camera overload run ({@code scripts/camera_overload.sh}): a camera faster than the pipeline (60 fps 1080p
 * by default) through the real fleet, its source frames stamped with their indices; a player reads the task's
 * {@code stream_url} and measures, per frame, the time from the frame leaving the publisher to it being decoded
 * from the restream. Prints the latency (median, 95th percentile, maximum, and per half-minute so that a growing
 * lag shows), the frames dropped, the memory before and after; exit 1 when the maximum reaches the bound (2 s).
 * A harness, not a test: surefire does not run it (its name does not end in Test).
 */
public final class CameraOverload {

    private static final int EXIT_OVER_BOUND = 1;
    private static final int EXIT_USAGE = 2;
    private static final int EXIT_FAILED = 3;
    /** Left to the camera after it goes live before measuring: connection, first keyframes, JIT. */
    private static final Duration SETTLE = Duration.ofSeconds(15);
    /** The player on the relay itself, before the camera: the latency the measurement itself adds. */
    private static final Duration BASELINE = Duration.ofSeconds(5);
    private static final Duration WINDOW = Duration.ofSeconds(30);
    private static final long STATUS_EVERY_MILLIS = 10_000;
    private static final double NANOS_PER_SECOND = 1e9;

    private CameraOverload() {
    }

    public static void main(String[] args) {
        if (ScriptArguments.asksForHelp(args)) {
            System.out.print(OverloadOptions.USAGE);
            return;
        }
        CameraSoak.quietLibraryLogs();
        OverloadOptions options;
        try {
            options = OverloadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(OverloadOptions.USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        try {
            System.exit(run(options) ? 0 : EXIT_OVER_BOUND);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(EXIT_FAILED);
        }
    }

    static boolean run(OverloadOptions options) throws Exception {
        Path scratch = Files.createTempDirectory("stride-camera-overload");
        try {
            say(String.format(Locale.ROOT, "Writing a stamped %dx%d %.0f fps source of %d s from %s…",
                    options.size().width(), options.size().height(), options.fps(), options.loopSeconds(),
                    options.clip().getFileName()));
            Path video = StampedSource.write(options.clip(), options.size().width(), options.size().height(),
                    options.fps(), options.loopFrames(), scratch.resolve("source.mp4"));
            say("Starting the fleet…");
            Path yoloxModel = SharedData.dir().resolve("models").resolve(SharedData.YOLOX_NANO);
            try (FleetHandle fleet = FleetHandle.start(scratch.resolve("fleet"), yoloxModel,
                    scratch.resolve("no-pose-model.onnx"), fleetArguments(options)).closingOnExit();
                 FleetSampler sampler = new FleetSampler(fleet);
                 CameraSource source = CameraSource.start(video)) {
                return measure(fleet.client(), sampler, source, options);
            }
        } finally {
            CameraSoak.deleteRecursively(scratch);
        }
    }

    private static boolean measure(StrideClient client, FleetSampler sampler, CameraSource source,
                                   OverloadOptions options) throws Exception {
        StampLatency latency = new StampLatency(options.fps(), options.loopFrames());
        List<Double> baseline = latencies(StampPlayer.play(source.url(),
                System.nanoTime() + BASELINE.toNanos(), new AtomicBoolean()), source, latency);
        CameraTask task = CameraTask.create(client, source.url(), "overload", options.size().width(),
                options.size().height());
        say("Camera task " + task.id() + "; waiting for it to go live…");
        task.awaitLive(client);
        Thread.sleep(SETTLE.toMillis());
        Map<String, Double> rssBefore = sampler.rssMib();
        Map<String, Double> heapBefore = sampler.heapAfterGcMib();
        JsonNode statusBefore = task.status(client);
        long start = System.nanoTime();
        long end = start + options.duration().toNanos();
        say("Measuring for " + options.duration().toMinutes() + " min…");
        ExecutorService executor = Executors.newSingleThreadExecutor();
        AtomicBoolean stop = new AtomicBoolean();
        List<StampPlayer.Seen> seen;
        JsonNode status;
        try {
            Future<List<StampPlayer.Seen>> player = executor.submit(() -> StampPlayer.play(task.streamUrl(), end, stop));
            while (System.nanoTime() < end && !player.isDone()) {
                Thread.sleep(STATUS_EVERY_MILLIS);
                JsonNode camera = task.status(client).path("camera");
                say(String.format(Locale.ROOT, "%.0f s: in %.1f fps, out %.1f fps, dropped %d, lag %.2f s",
                        (System.nanoTime() - start) / NANOS_PER_SECOND, camera.path("input_fps").asDouble(),
                        camera.path("output_fps").asDouble(), camera.path("frames_dropped").asLong(),
                        camera.path("lag_seconds").asDouble()));
            }
            status = task.status(client);
            seen = player.get();
        } finally {
            stop.set(true);
            executor.shutdownNow();
        }
        Map<String, Double> rssAfter = sampler.rssMib();
        Map<String, Double> heapAfter = sampler.heapAfterGcMib();
        client.delete("/tasks/" + task.id());

        List<Double> measured = latencies(seen, source, latency);
        StampLatency.Summary summary = StampLatency.Summary.of(measured);
        StampLatency.Summary relay = StampLatency.Summary.of(baseline);
        long unreadable = seen.stream().filter(s -> s.stamp() == FrameIndexStamp.UNREADABLE).count();
        boolean within = summary.count() > 0 && summary.max() < options.maxLatency();
        System.out.println();
        System.out.print(summaryTable(options, summary, relay, seen.size(), unreadable, statusBefore, status, within));
        System.out.println();
        System.out.print(windowTable(seen, source, latency, start));
        System.out.println();
        System.out.print(memoryTable(rssBefore, rssAfter, heapBefore, heapAfter));
        System.out.println();
        System.out.println(CameraSoak.machineLine());
        return within;
    }

    private static List<Double> latencies(List<StampPlayer.Seen> seen, CameraSource source, StampLatency latency) {
        return seen.stream().filter(s -> s.stamp() != FrameIndexStamp.UNREADABLE)
                .map(s -> latency.latency((s.seenAtNanos() - source.publishedAtNanos()) / NANOS_PER_SECOND,
                        s.stamp()))
                .toList();
    }

    private static String summaryTable(OverloadOptions options, StampLatency.Summary summary,
                                       StampLatency.Summary relay, int frames, long unreadable, JsonNode before,
                                       JsonNode after, boolean within) {
        JsonNode camera = after.path("camera");
        long dropped = camera.path("frames_dropped").asLong() - before.path("camera").path("frames_dropped").asLong();
        return String.format(Locale.ROOT, """
                | overload run | |
                |---|---|
                | source | %dx%d at %.0f fps (a %d s stamped file looped in real time by ffmpeg, -c copy) |
                | measured | %.0f min: %d frames decoded from stream_url, %d stamps unreadable |
                | latency, source to stream_url: median / p95 / max | %.2f / %.2f / %.2f s |
                | the measurement's own latency (player on the relay, before the camera): median / max | %.2f / %.2f s |
                | camera at the end: input fps / output fps | %.1f / %.1f |
                | frames dropped during the measurement (all since the start) | %d (%d) |
                | reconnects | %d |
                | max latency < %.1f s | %s |
                """, options.size().width(), options.size().height(), options.fps(), options.loopSeconds(),
                options.duration().toSeconds() / 60.0, frames, unreadable, summary.median(), summary.p95(),
                summary.max(), relay.median(), relay.max(), camera.path("input_fps").asDouble(),
                camera.path("output_fps").asDouble(), dropped, camera.path("frames_dropped").asLong(),
                camera.path("reconnects").asLong(), options.maxLatency(), within ? "yes" : "**no**");
    }

    /** Latency per half-minute of the measurement: a lag that grows shows as a rising maximum. */
    private static String windowTable(List<StampPlayer.Seen> seen, CameraSource source, StampLatency latency,
                                      long start) {
        Map<Long, List<Double>> windows = new LinkedHashMap<>();
        for (StampPlayer.Seen s : seen) {
            if (s.stamp() != FrameIndexStamp.UNREADABLE) {
                long window = Math.max(0, s.seenAtNanos() - start) / WINDOW.toNanos();
                windows.computeIfAbsent(window, w -> new ArrayList<>()).add(latency.latency(
                        (s.seenAtNanos() - source.publishedAtNanos()) / NANOS_PER_SECOND, s.stamp()));
            }
        }
        StringBuilder out = new StringBuilder("| from s | frames | median s | max s |\n|---:|---:|---:|---:|\n");
        windows.forEach((window, values) -> {
            StampLatency.Summary summary = StampLatency.Summary.of(values);
            out.append(String.format(Locale.ROOT, "| %d | %d | %.2f | %.2f |%n", window * WINDOW.toSeconds(),
                    summary.count(), summary.median(), summary.max()));
        });
        return out.toString();
    }

    private static String memoryTable(Map<String, Double> rssBefore, Map<String, Double> rssAfter,
                                      Map<String, Double> heapBefore, Map<String, Double> heapAfter) {
        StringBuilder out = new StringBuilder("| service | RSS MiB before | after | heap after GC MiB before | after |\n"
                + "|---|---:|---:|---:|---:|\n");
        rssBefore.forEach((service, rss) -> out.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f |%n",
                service, rss, rssAfter.get(service), heapBefore.get(service), heapAfter.get(service))));
        return out.toString();
    }

    /** Pose estimation is off unless asked for: no RTMPose weights ship with the test data. */
    private static List<String> fleetArguments(OverloadOptions options) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("stride.rtmpose.enabled", "false");
        properties.putAll(options.overrides());
        List<String> arguments = new ArrayList<>();
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return arguments;
    }

    private static void say(String message) {
        System.out.println("[camera-overload] " + message);
    }
}
