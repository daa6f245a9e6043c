package io.stride.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.core.testing.SharedData;
import io.stride.e2e.Fleet;
import io.stride.rtmpose.testing.ExactAnswerPoseModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not part of CI (its name is not one Surefire runs by default): {@code scripts/fault_suite.sh --throughput}.
 * Throughput of the fleet with one and with two instances of its bottleneck stage, yolox-service, on the same
 * batch of tasks uploaded at once: frames of all tasks over the time from the first upload to the last
 * completion, plus how the frames were shared between the instances. The fault suite proves that two instances
 * are correct; this only measures them.
 */
class YoloxScalingRun {

    private static final int FRAMES = 240;
    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;
    /** Tasks per round: more tasks than instances, so that each instance has a task to take. */
    private static final int TASKS = 4;
    private static final Duration TASK_TIMEOUT = Duration.ofMinutes(5);
    private static final Path REPORT = Path.of("target", "yolox-scaling.md");

    @TempDir
    Path dataDir;

    @Test
    void throughputWithOneAndWithTwoYoloxInstances() throws Exception {
        Path clip = StampedClip.write(SharedData.video(SharedData.PEOPLE_WALKING), FRAMES, WIDTH, HEIGHT,
                dataDir.resolve("stamped.mp4"));
        Path poseModel = ExactAnswerPoseModel.write(dataDir.resolve("exact-pose.onnx"), 192, 256);
        List<String> rows = new ArrayList<>();
        try (ExternalBroker broker = ExternalBroker.start(dataDir.resolve("kafka"));
             Fleet fleet = Fleet.onBroker(broker.bootstrapServers(), dataDir,
                     SharedData.model(SharedData.YOLOX_NANO), poseModel, List.of())) {
            var watch = new TaskWatch(fleet.client());
            // A first task warms every JVM up, so that neither round pays for just-in-time compilation alone.
            watch.awaitEnd(watch.upload(clip), TASK_TIMEOUT);
            rows.add(round(fleet, watch, clip, List.of("yolox")));
            fleet.addInstance("yolox", "yolox-2");
            rows.add(round(fleet, watch, clip, List.of("yolox", "yolox-2")));
        }
        String table = "| yolox instances | tasks × frames | seconds | fps | records out per instance (frames + end-of-stream) |\n"
                + "|---:|---:|---:|---:|---|\n" + String.join("\n", rows) + "\n";
        Files.createDirectories(REPORT.toAbsolutePath().getParent());
        Files.writeString(REPORT, table, StandardCharsets.UTF_8);
        System.out.println("yolox scaling (" + REPORT.toAbsolutePath() + "):\n" + table);
    }

    /** Uploads {@link #TASKS} tasks at once and times them to the last completion. */
    private static String round(Fleet fleet, TaskWatch watch, Path clip, List<String> instances) throws Exception {
        List<Long> before = new ArrayList<>();
        for (String instance : instances) {
            before.add(StageFrameCounter.framesOut(fleet.baseUrl(instance)));
        }
        long start = System.nanoTime();
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            tasks.add(watch.upload(clip));
        }
        for (String task : tasks) {
            assertThat(TaskWatch.state(watch.awaitEnd(task, TASK_TIMEOUT))).isEqualTo("completed");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> shares = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            shares.add(instances.get(i) + " " + (StageFrameCounter.framesOut(fleet.baseUrl(instances.get(i)))
                    - before.get(i)));
        }
        int frames = TASKS * FRAMES;
        return String.format(Locale.ROOT, "| %d | %d × %d | %.1f | %.1f | %s |", instances.size(), TASKS, FRAMES,
                seconds, frames / seconds, String.join(", ", shares));
    }
}
