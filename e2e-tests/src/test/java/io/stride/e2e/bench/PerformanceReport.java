package io.stride.e2e.bench;

import io.stride.e2e.bench.FleetRun.ServiceProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The benchmark's tables as Markdown: printed, and written into a file between two markers so that the
 * prose around them survives the next run.
 */
final class PerformanceReport {

    /** Where in the file a run's tables go: between two marker lines. */
    record Section(String begin, String end) {
    }

    /** The tables of a run with pose off, the run issue 15's budgets are set against. */
    static final Section POSE_OFF = new Section("<!-- bench_pipeline.sh: generated section, replaced by the next run -->",
            "<!-- bench_pipeline.sh: end of generated section -->");
    /** The tables of a run with pose on, which must not replace the pose-off ones. */
    static final Section POSE_ON = new Section(
            "<!-- bench_pipeline.sh --pose-model: generated section, replaced by the next run with pose on -->",
            "<!-- bench_pipeline.sh --pose-model: end of generated section -->");

    /** The order a stage runs its phases in; a phase the stage does not report is left out. */
    private static final List<String> PHASE_ORDER = List.of("decode", "preprocess", "inference", "postprocess");
    private static final double MILLIS_PER_SECOND = 1e3;
    private static final double BYTES_PER_KIB = 1024;
    private static final double PERCENT = 100;

    /** Issue 15's CPU budget of each process, ms per frame, on people-walking with pose off. */
    private static final Map<String, Double> CPU_BUDGET = Map.of("backend", 7.0, "yolox", 15.5, "bytetrack", 0.8,
            "rtmpose", 0.5, "annotation", 14.0, FleetRun.BROKER, 4.0);
    /** The fleet's whole CPU budget, ms per frame: the 0.9 line against the plain loop. */
    private static final double FLEET_CPU_BUDGET = 43;
    /** Cores the whole fleet may keep busy with no task. */
    private static final double IDLE_BUDGET = 0.05;
    /** Seconds from upload to the first annotated frame: the first task after start-up, and warm ones. */
    private static final double FIRST_FRAME_COLD_BUDGET = 5;
    private static final double FIRST_FRAME_WARM_BUDGET = 2;
    /** Threads named per process in the idle table. */
    private static final int IDLE_THREADS_SHOWN = 4;
    private static final int TASK_THREADS_SHOWN = 6;

    private final BenchmarkResults results;
    private final StringBuilder out = new StringBuilder();

    private PerformanceReport(BenchmarkResults results) {
        this.results = results;
    }

    static String render(BenchmarkResults results) {
        var report = new PerformanceReport(results);
        report.run();
        report.endToEnd();
        report.stages();
        report.transport();
        report.fleetProfile();
        report.pose();
        report.idleAndFirstFrame();
        report.startup();
        return report.out.toString();
    }

    /**
     * What a run with pose on writes into its own section: the run, the ratio, the pose stage's cost and where the
     * fleet's time went. The other tables describe the same stages as the pose-off run's.
     */
    static String renderPoseOn(BenchmarkResults results) {
        var report = new PerformanceReport(results);
        report.run();
        report.endToEnd();
        report.pose();
        report.fleetProfile();
        return report.out.toString();
    }

    /**
     * Replaces {@code section} of {@code file}; appends it if the file has none; creates the file if missing. The
     * text outside the section, other sections included, stays as it was.
     */
    static void write(Path file, String report, Section where) throws IOException {
        String section = where.begin() + "\n" + report + where.end() + "\n";
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Performance\n\n";
        int begin = text.indexOf(where.begin());
        int end = text.indexOf(where.end());
        if (begin >= 0 && end > begin) {
            text = text.substring(0, begin) + section
                    + text.substring(end + where.end().length()).replaceFirst("^\n", "");
        } else {
            text = text + (text.endsWith("\n\n") ? "" : "\n") + section;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private void run() {
        BenchmarkOptions options = results.options();
        ClipFrames clip = results.clip();
        line("### Run");
        line("");
        line("- Command: `" + options.command() + "`");
        line("- Date: " + results.date() + "; load average (1/5/15 min) " + results.loadBefore() + " at the start, "
                + results.loadAfter() + " at the end");
        line("- Machine: " + results.machine().summary());
        line("- Clip: `" + options.clip().getFileName() + "`, " + clip.width() + "x" + clip.height() + " at "
                + fmt(2, clip.fps()) + " fps, " + clip.count() + " frames"
                + (clip.wholeClip() ? "" : " (its first ones, re-encoded at CRF 18 for the baseline and the fleet)"));
        line("- Detector: `" + results.settings().yolox().modelPath().getFileName() + "` ("
                + results.settings().yolox().modelType().name().toLowerCase(Locale.ROOT) + "), ONNX Runtime "
                + results.onnxRuntime() + " on " + results.stages().provider() + ", "
                + results.settings().inference().intraOpThreads() + " intra-op thread(s), "
                + results.stages().detectorBatch() + " frame(s) per inference call");
        line("- Pose: " + poseModel());
        line("- Settings: the services' defaults" + (options.overrides().isEmpty() ? ""
                : ", with " + options.overrides().entrySet().stream()
                        .map(e -> "`" + e.getKey() + "=" + e.getValue() + "`").collect(Collectors.joining(", "))));
        line("- In-process figures: mean per frame over " + results.stages().jpegDecode().frames()
                + " frames after " + options.warmupFrames() + " warm-up frames");
        line("");
    }

    private String poseModel() {
        BenchmarkOptions options = results.options();
        if (options.exactAnswerPose()) {
            return "the tests' exact-answer stand-in for RTMPose-m (`--pose-model exact`: 256x192 input, SimCC"
                    + " outputs, all persons of a frame in one call): the stage's work around the model is real, the"
                    + " model itself costs next to nothing";
        }
        return options.poseModel().map(p -> "`" + p.getFileName() + "`")
                .orElse("**off** in the baseline and the fleet: no RTMPose weights are available here "
                        + "(give one with `--pose-model`, or `--pose-model exact` for the stand-in)");
    }

    private void endToEnd() {
        FleetRun fleet = results.fleet();
        List<BaselineLoop> baselines = results.baselines();
        List<Double> fleetFps = fleet.fpsOfEachTask();
        List<Double> ratios = results.roundRatios();
        line("### End to end");
        line("");
        line("Baseline: one thread, decode → YOLOX → ByteTrack" + (results.options().poseEnabled() ? " → RTMPose" : "")
                + " → draw → H.264 MP4, models loaded beforehand. Fleet: upload → `completed` through the five"
                + " services and Kafka, after " + results.options().fleetWarmup() + " untimed tasks of the clip. Each"
                + " round runs the baseline (the fleet's processes stopped meanwhile) and then one fleet task.");
        line("");
        line("| round | baseline fps | baseline CPU ms/frame | fleet fps | fleet CPU ms/frame | fleet / baseline |");
        line("|---:|---:|---:|---:|---:|---:|");
        for (int i = 0; i < baselines.size(); i++) {
            BaselineLoop b = baselines.get(i);
            line("| " + (i + 1) + " | " + fmt(1, b.fps()) + " | " + fmt(1, b.cpuSeconds() * MILLIS_PER_SECOND / b.frames())
                    + " | " + fmt(1, fleetFps.get(i)) + " | "
                    + fmt(1, fleet.cpuSeconds().get(i) * MILLIS_PER_SECOND / fleet.frames()) + " | "
                    + fmt(2, ratios.get(i)) + " |");
        }
        line("");
        line("**Fleet / baseline: " + fmt(2, results.ratio()) + "** (median of the rounds; issue 4's goal is ≥ 0.9 on"
                + " this 2-core machine). Over all rounds: baseline " + fmt(1, results.baselineFps()) + " fps, fleet "
                + fmt(1, fleet.fps()) + " fps, " + fleet.frames() + " frames a run.");
        line("");
    }

    private void stages() {
        StageCosts s = results.stages();
        ClipFrames clip = results.clip();
        line("### Per stage, in process (ms per frame)");
        line("");
        line("Each step alone, on this JVM's thread, with the services' own classes and settings; wall time. FFmpeg's"
                + " H.264 decoder and x264 work on threads of their own as well, so those two cost more CPU than shown.");
        line("");
        line("| stage | step | ms/frame |");
        line("|---|---|---:|");
        row("backend", "H.264 decode (FFmpeg, " + clip.width() + "x" + clip.height() + ")", clip.h264Decode());
        row("backend", "JPEG encode, quality " + results.settings().backend().jpegQuality() + " (mean "
                + fmt(0, clip.meanJpegBytes() / BYTES_PER_KIB) + " KiB a frame)", clip.jpegEncode());
        s.yoloxPhases().forEach((phase, millis) -> line("| yolox | " + phase + describePhase(phase) + " | "
                + fmt(2, millis) + " |"));
        row("bytetrack", "tracker update (" + fmt(1, s.detections()) + " detections, " + fmt(1, s.tracks())
                + " tracks a frame)", s.bytetrack());
        if (s.pose().isPresent()) {
            row("rtmpose", "JPEG decode (frames with persons)", s.jpegDecode());
            line("| rtmpose | crop, normalise, inference, SimCC decode, all persons of a frame ("
                    + fmt(1, s.pose().get().personsPerFrame()) + " a frame; the thread's CPU time) | "
                    + fmt(2, s.pose().get().millisPerFrame()) + " |");
        } else {
            line("| rtmpose | off (no RTMPose weights here): records pass through, no JPEG decode | – |");
        }
        row("annotation", "JPEG decode", s.jpegDecode());
        row("annotation", "draw", s.draw());
        row("annotation", "JSON Lines record", s.resultsJson());
        row("annotation", "H.264 encode (libx264 " + results.settings().annotation().x264Preset() + ", CRF "
                + results.settings().annotation().crf() + ")", s.h264Encode());
        line("| every hop | frame record encode / decode | " + fmt(3, results.kafka().codecEncode().millisPerFrame())
                + " / " + fmt(3, results.kafka().codecDecode().millisPerFrame()) + " |");
        line("");
    }

    private static String describePhase(String phase) {
        return switch (phase) {
            case "decode" -> " (JPEG, at the reduced size the model input allows)";
            case "preprocess" -> " (letterbox into the input tensor)";
            case "inference" -> " (ONNX Runtime)";
            case "postprocess" -> " (decode boxes, NMS)";
            default -> "";
        };
    }

    private void pose() {
        if (!results.options().poseEnabled()) {
            return;
        }
        PoseCost alone = results.stages().pose().orElseThrow();
        PoseCost fleet = results.fleet().poseCost().splitAs(alone);
        Map<String, Double> fleetWall = results.fleet().poseCost().phaseSeconds();
        line("### Pose (issue 15 item 3)");
        line("");
        line("The pose stage's cost per frame and per person posed, in CPU time. Fleet: the rtmpose process over the"
                + " timed tasks (" + fleet.frames() + " frames, " + fleet.persons() + " poses in their JSON Lines"
                + " results), all its CPU time. In process: the estimator on this JVM's thread (crop to keypoints, the"
                + " frame's JPEG decode apart), its phases timed in the thread's CPU time; the fleet's model share is"
                + " taken from there, because the service's phase timers record wall time, which grows with the"
                + " machine's load.");
        line("");
        line("| | fleet: rtmpose process | in process |");
        line("|---|---:|---:|");
        line("| persons posed a frame | " + fmt(2, fleet.personsPerFrame()) + " | " + fmt(2, alone.personsPerFrame())
                + " |");
        line("| CPU ms per frame | " + fmt(2, fleet.millisPerFrame()) + " | " + fmt(2, alone.millisPerFrame()) + " |");
        line("| CPU ms per person | " + fmt(3, fleet.millisPerPerson()) + " | " + fmt(3, alone.millisPerPerson())
                + " |");
        line("| crop: affine warp, normalise into the tensor (`preprocess`), CPU ms per person | | "
                + fmt(3, alone.phaseMillisPerPerson(PoseCost.PREPROCESS)) + " |");
        line("| SimCC decode, back to frame pixels (`postprocess`), CPU ms per person | | "
                + fmt(3, alone.phaseMillisPerPerson(PoseCost.POSTPROCESS)) + " |");
        line("| **the stage's own work per person** (`preprocess` + `postprocess`), CPU ms | | **"
                + fmt(3, alone.stageWorkMillisPerPerson()) + "** |");
        line("| **the model** (`inference`: ONNX Runtime, this model), CPU ms per person | | **"
                + fmt(3, alone.modelMillisPerPerson()) + "** |");
        line("| **everything but the model**, CPU ms per frame | **" + fmt(2, fleet.besidesModelMillisPerFrame())
                + "** | " + fmt(2, alone.besidesModelMillisPerFrame()) + " |");
        line("| the service's phase timers, wall ms per person | " + PHASE_ORDER.stream()
                .filter(fleetWall::containsKey)
                .map(phase -> phase + " " + fmt(3, fleetWall.get(phase) * MILLIS_PER_SECOND / fleet.persons()))
                .collect(Collectors.joining(", ")) + " | |");
        line("");
        line("Another model's cost in the fleet, predicted: rtmpose CPU ms per frame ≈ "
                + fmt(2, fleet.besidesModelMillisPerFrame()) + " + " + fmt(2, fleet.personsPerFrame())
                + " × (the model's latency per 256x192 crop on this machine, one thread).");
        line("");
    }

    private void transport() {
        KafkaTransport k = results.kafka();
        line("### Kafka transport");
        line("");
        line("Frame records of the clip (mean " + fmt(0, k.recordBytes() / BYTES_PER_KIB) + " KiB) through the KRaft"
                + " broker in the harness's JVM, one partition, the stages' client settings (acks=all, idempotent).");
        line("");
        line("| step | ms/frame | MB/s |");
        line("|---|---:|---:|");
        line("| produce, every acknowledgement awaited (the backend) | " + fmt(2, k.produceMillisPerFrame()) + " | "
                + fmt(0, k.megabytesPerSecond(k.produce())) + " |");
        line("| the detector's hop: poll, decode, encode without the JPEG, produce, await acks, commit | "
                + fmt(2, k.hopMillisPerFrame())
                + " | " + fmt(0, k.megabytesPerSecond(k.hop())) + " |");
        line("| read back by offset (the annotation stage fetching images) | " + fmt(2, k.consumeMillisPerFrame()) + " | "
                + fmt(0, k.megabytesPerSecond(k.consume())) + " |");
        line("");
        line("The JPEG goes to the broker once and is read twice (detector, annotation); the records between the"
                + " later stages carry results only. About "
                + fmt(1, k.produceMillisPerFrame() + k.hopMillisPerFrame() + k.consumeMillisPerFrame())
                + " ms of wall time per frame for the JPEG's trips, spread over the processes.");
        line("");
    }

    private void fleetProfile() {
        FleetRun fleet = results.fleet();
        int frames = fleet.framesTimed();
        double wall = fleet.totalSeconds();
        line("### Where the fleet's time goes");
        line("");
        line("Over the fleet's timed tasks (" + frames + " frames, " + fmt(1, wall) + " s): CPU time of each process, and"
                + " the time each stage's processor was busy (`stride_stage_batch_seconds_sum` and"
                + " `stride_stage_phase_seconds_sum` from its `/actuator/prometheus`). Busy time excludes polling,"
                + " record decoding, producing and committing.");
        line("");
        line("| process | CPU ms/frame | issue 15's budget | busy ms/frame | busy % of wall | phases, ms/frame"
                + " | idle, cores | peak RSS MiB |");
        line("|---|---:|---|---:|---:|---|---:|---:|");
        for (Map.Entry<String, ServiceProfile> entry : fleet.services().entrySet()) {
            ServiceProfile p = entry.getValue();
            boolean stage = p.busySeconds() > 0;
            double cpu = p.cpuSeconds() * MILLIS_PER_SECOND / frames;
            line("| " + entry.getKey() + " | " + fmt(1, cpu) + " | " + cpuBudget(entry.getKey(), cpu) + " | "
                    + (stage ? fmt(1, p.busySeconds() * MILLIS_PER_SECOND / frames) : "–") + " | "
                    + (stage ? fmt(0, p.busySeconds() / wall * PERCENT) + " %" : "–") + " | "
                    + phases(p, frames) + " | " + fmt(2, fleet.idleCores().getOrDefault(entry.getKey(), Double.NaN))
                    + " | " + fleet.peakRssMib().getOrDefault(entry.getKey(), -1L) + " |");
        }
        double brokerCpu = fleet.brokerCpu() * MILLIS_PER_SECOND / frames;
        line("| broker (a process of its own) | " + fmt(1, brokerCpu) + " | " + cpuBudget(FleetRun.BROKER, brokerCpu)
                + " | | | | " + fmt(2, fleet.idleCores().getOrDefault(FleetRun.BROKER, Double.NaN)) + " | |");
        double fleetCpu = fleet.totalCpuSeconds() * MILLIS_PER_SECOND / frames;
        line("| **all** | **" + fmt(1, fleetCpu) + "** | " + verdict(fleetCpu, FLEET_CPU_BUDGET, 1, "") + " | | | | **"
                + fmt(2, fleet.totalIdleCores()) + "** | |");
        line("");
        int frameTotal = results.baselines().stream().mapToInt(BaselineLoop::frames).sum();
        double baselineCpu = results.baselines().stream().mapToDouble(BaselineLoop::cpuSeconds).sum()
                * MILLIS_PER_SECOND / frameTotal;
        int cores = results.machine().cores();
        line("The baseline used " + fmt(1, baselineCpu) + " ms of CPU a frame, the fleet " + fmt(1, fleetCpu)
                + " (" + fmt(2, fleetCpu / baselineCpu) + "×). With " + cores + " cores the fleet cannot exceed "
                + fmt(1, cores * MILLIS_PER_SECOND / fleetCpu) + " fps however well its stages overlap; it used "
                + fmt(0, fleet.totalCpuSeconds() / (wall * cores) * PERCENT) + " % of the machine while it ran. Idle,"
                + " between tasks, the five services and the broker kept " + fmt(2, fleet.totalIdleCores())
                + " cores busy, " + fmt(1, fleet.totalIdleCores() * MILLIS_PER_SECOND * wall / frames)
                + " ms a frame at this run's pace.");
        line("");
        line("Each process's busiest threads during the timed tasks (by the name the kernel sees, `#` for digits),"
                + " CPU ms a frame: where each process's figure above goes.");
        line("");
        line("| process | busiest threads, CPU ms/frame |");
        line("|---|---|");
        fleet.taskThreads().forEach((process, threads) -> line("| " + process + " | "
                + threads.entrySet().stream().limit(TASK_THREADS_SHOWN)
                        .map(e -> "`" + e.getKey() + "` " + fmt(2, e.getValue() * MILLIS_PER_SECOND / frames))
                        .collect(Collectors.joining(", ")) + " |"));
        line("");
    }

    /** The process's budget and whether it was met; "–" where the issue sets none (pose on). */
    private String cpuBudget(String process, double millisPerFrame) {
        Double budget = CPU_BUDGET.get(process);
        if (budget == null || process.equals("rtmpose") && results.options().poseEnabled()) {
            return "–";
        }
        return verdict(millisPerFrame, budget, 1, "");
    }

    /** "≤ budget: met", or "≤ budget: missed by excess". */
    static String verdict(double value, double budget, int decimals, String unit) {
        String limit = "≤ " + fmt(decimals, budget) + unit;
        return value <= budget ? limit + ": met" : limit + ": **missed by " + fmt(decimals, value - budget) + unit + "**";
    }

    private void idleAndFirstFrame() {
        FleetRun fleet = results.fleet();
        line("### The idle fleet and the first frame");
        line("");
        line("Idle: CPU of each process over 30 s with no task, after the warm-up tasks, and its busiest threads"
                + " (by the name the kernel sees, `#` for digits, in cores); then again over 30 s after the timed"
                + " tasks. Issue 15's budget is " + fmt(2, IDLE_BUDGET) + " cores for the whole fleet.");
        line("");
        line("| process | idle after the warm-up, cores | busiest threads, cores | idle after the timed tasks, cores |");
        line("|---|---:|---|---:|");
        fleet.idleCores().forEach((process, cores) -> line("| " + process + " | " + fmt(3, cores) + " | "
                + fleet.idleThreads().getOrDefault(process, Map.of()).entrySet().stream().limit(IDLE_THREADS_SHOWN)
                        .map(e -> "`" + e.getKey() + "` " + fmt(3, e.getValue()))
                        .collect(Collectors.joining(", ")) + " | "
                + fmt(3, fleet.idleLater().getOrDefault(process, Double.NaN)) + " |"));
        line("| **all** | **" + fmt(3, fleet.totalIdleCores()) + "** | " + verdict(fleet.totalIdleCores(), IDLE_BUDGET,
                2, " cores") + " | **" + fmt(3, fleet.totalIdleLater()) + "**: " + verdict(fleet.totalIdleLater(),
                IDLE_BUDGET, 2, " cores") + " |");
        line("");
        List<Double> warm = fleet.firstFrame().subList(1, fleet.firstFrame().size());
        line("First frame: seconds from `POST /upload` returning to the annotation stage's first `PROGRESS` on"
                + " `stride_task_events` (its own timestamp), for every task of the run. The first task is the first"
                + " after start-up; the timed tasks each start right after the fleet resumes from the baseline's"
                + " pause.");
        line("");
        line("| | seconds | issue 15's budget |");
        line("|---|---:|---|");
        line("| first task after start-up | " + fmt(2, fleet.firstFrameCold()) + " | "
                + verdict(fleet.firstFrameCold(), FIRST_FRAME_COLD_BUDGET, 1, " s") + " |");
        line("| warm tasks, median of " + warm.size() + " (" + list(warm) + ") | " + fmt(2, fleet.firstFrameWarm())
                + " | " + verdict(fleet.firstFrameWarm(), FIRST_FRAME_WARM_BUDGET, 1, " s") + " |");
        line("");
        List<Double> stream = fleet.firstStreamFrame();
        if (!stream.isEmpty()) {
            List<Double> warmStream = stream.subList(1, stream.size());
            line("The first picture a player got from the task's RTSP stream: seconds from the upload returning, with"
                    + " FFmpeg as the player (TCP, half a second of probing), asking again while the stream does not"
                    + " exist yet; the untimed tasks only, so that decoding the stream took no CPU from the timed ones.");
            line("");
            line("| | seconds | issue 15's budget |");
            line("|---|---:|---|");
            line("| first task after start-up | " + fmt(2, stream.get(0)) + " | "
                    + verdict(stream.get(0), FIRST_FRAME_COLD_BUDGET, 1, " s") + " |");
            line("| warm tasks, median of " + warmStream.size() + " (" + list(warmStream) + ") | "
                    + fmt(2, fleet.firstStreamFrameWarm()) + " | "
                    + verdict(fleet.firstStreamFrameWarm(), FIRST_FRAME_WARM_BUDGET, 1, " s") + " |");
            line("");
        }
        line("Where the wait went: seconds from the upload returning to each source's first `PROGRESS`, every task.");
        line("");
        line("| task | first `PROGRESS`, s after the upload returned |");
        line("|---:|---|");
        for (int i = 0; i < fleet.firstProgress().size(); i++) {
            line("| " + (i + 1) + " | " + fleet.firstProgress().get(i).entrySet().stream()
                    .map(e -> e.getKey() + " " + fmt(2, e.getValue())).collect(Collectors.joining(", ")) + " |");
        }
        line("");
    }

    private static String phases(ServiceProfile profile, int frames) {
        List<String> parts = new ArrayList<>();
        for (String phase : PHASE_ORDER) {
            Double seconds = profile.phaseSeconds().get(phase);
            if (seconds != null && seconds > 0) {
                parts.add(phase + " " + fmt(2, seconds * MILLIS_PER_SECOND / frames));
            }
        }
        return parts.isEmpty() ? "" : String.join(", ", parts);
    }

    private void startup() {
        results.startup().ifPresent(s -> {
            line("### yolox-service start-up");
            line("");
            line("ONNX Runtime's natives for linux-x64 are " + fmt(1, s.nativeBytes() / BYTES_PER_KIB / BYTES_PER_KIB)
                    + " MiB in this (CPU) build. Whole start-up: JVM launch to Spring's \"Started\" line (`process"
                    + " running for`). ONNX Runtime load alone: `OrtEnvironment.getEnvironment()` in a fresh JVM. Runs"
                    + " alternate between the two ways.");
            line("");
            line("| ONNX Runtime natives | start-up, median s | each start-up, s | load alone, median ms | runs |");
            line("|---|---:|---|---:|---:|");
            line("| unpacked from the jar into a temp dir at every start (default) | "
                    + fmt(2, YoloxStartup.median(s.fromJar())) + " | " + list(s.fromJar()) + " | "
                    + fmt(0, YoloxStartup.median(s.loadFromJar())) + " | " + s.loadFromJar().size() + " |");
            line("| extracted once, `-Donnxruntime.native.path=<dir>` | "
                    + fmt(2, YoloxStartup.median(s.preExtracted())) + " | " + list(s.preExtracted()) + " | "
                    + fmt(0, YoloxStartup.median(s.loadPreExtracted())) + " | " + s.loadPreExtracted().size() + " |");
            line("");
        });
    }

    private static String list(List<Double> values) {
        return values.stream().map(v -> fmt(2, v)).collect(Collectors.joining(", "));
    }

    private void row(String stage, String step, FrameTimer timer) {
        line("| " + stage + " | " + step + " | " + fmt(2, timer.millisPerFrame()) + " |");
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    private static String fmt(int decimals, double value) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
