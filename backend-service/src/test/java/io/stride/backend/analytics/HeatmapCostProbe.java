package io.stride.backend.analytics;

import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * What drawing a heatmap costs for a long task: writes JSON Lines of {@code seconds} of 30 fps video with
 * {@code tracks} people wandering over the clip's frame (tracks and detections, as the annotation service writes
 * them), then draws the heatmap over the clip with the default properties, three times, printing wall time and the
 * heap's peak. Not a test (surefire runs {@code *Test} classes only); docs/analytics.md says how to run it and what
 * it measured.
 */
public final class HeatmapCostProbe {

    private static final int FPS = 30;
    private static final long SEED = 17;
    private static final int STEP_PX = 4;
    private static final int BOX_WIDTH = 60;
    private static final int BOX_HEIGHT = 160;
    private static final int ROUNDS = 3;

    private HeatmapCostProbe() {
    }

    /** Arguments: the clip, the seconds of JSON Lines (default 3600), the tracks a frame (default 20). */
    public static void main(String[] args) throws Exception {
        Path clip = Path.of(args[0]);
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 3600;
        int tracks = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        var frame = MiddleFrame.of(clip);
        Path annotations = Files.createTempFile("heatmap-probe", ".jsonl");
        try {
            write(annotations, seconds * FPS, tracks, frame.getWidth(), frame.getHeight());
            System.out.printf("%d s, %d tracks a frame: %.1f MB of JSON Lines%n", seconds, tracks,
                    Files.size(annotations) / 1e6);
            var properties = new HeatmapProperties(4, 1_000_000, 12, 3, 0.6, 2, java.time.Duration.ofSeconds(5));
            var renderer = new HeatmapRenderer(properties);
            for (int round = 1; round <= ROUNDS; round++) {
                resetPeaks();
                long started = System.nanoTime();
                renderer.render(clip, annotations);
                System.out.printf("round %d: %.2f s, heap peak %.0f MB (max heap %.0f MB)%n", round,
                        (System.nanoTime() - started) / 1e9, heapPeak() / 1e6,
                        Runtime.getRuntime().maxMemory() / 1e6);
            }
        } finally {
            Files.deleteIfExists(annotations);
        }
    }

    private static void write(Path file, int frames, int tracks, int width, int height) throws Exception {
        Random random = new Random(SEED);
        int[][] anchors = new int[tracks][];
        for (int t = 0; t < tracks; t++) {
            anchors[t] = new int[] {random.nextInt(width), BOX_HEIGHT + random.nextInt(height - BOX_HEIGHT)};
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int frame = 0; frame < frames; frame++) {
                StringBuilder boxes = new StringBuilder();
                StringBuilder detections = new StringBuilder();
                for (int t = 0; t < tracks; t++) {
                    int[] a = anchors[t];
                    a[0] = Math.max(0, Math.min(width, a[0] + random.nextInt(-STEP_PX, STEP_PX + 1)));
                    a[1] = Math.max(BOX_HEIGHT, Math.min(height, a[1] + random.nextInt(-STEP_PX, STEP_PX + 1)));
                    String box = "[" + (a[0] - BOX_WIDTH / 2) + ".25," + (a[1] - BOX_HEIGHT) + ".5,"
                            + (a[0] + BOX_WIDTH / 2) + ".75," + a[1] + ".0]";
                    boxes.append(t == 0 ? "" : ",").append("{\"track_id\":").append(t + 1).append(",\"box\":")
                            .append(box).append(",\"score\":0.8731,\"class_id\":0}");
                    detections.append(t == 0 ? "" : ",").append("{\"box\":").append(box)
                            .append(",\"score\":0.8731,\"class_id\":0}");
                }
                out.write("{\"frame\":" + frame + ",\"pts_us\":" + Math.round(frame * 1e6 / FPS) + ",\"detections\":["
                        + detections + "],\"tracks\":[" + boxes + "],\"poses\":[]}\n");
            }
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** The sum of the heap pools' peaks since the last reset: an upper bound of what was live at once. */
    private static long heapPeak() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
