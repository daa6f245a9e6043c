package io.stride.bytetrack.bench;

import io.stride.bytetrack.tracker.ByteTracker;
import io.stride.bytetrack.tracker.TrackerSettings;
import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.Detection;
import io.stride.core.frame.TrackedObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@link ByteTracker#update} of a steady scene with N people: they sway on a grid (a 200-frame cycle, so the
 * frames can repeat forever), about 1 in 10 detections is low-score and 1 in 17 is missed, so every update runs
 * both associations and keeps some lost tracks. Run by {@code scripts/bench_tracker.sh}, not by the unit tests.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class TrackerUpdateBenchmark {

    private static final int CYCLE = 200;
    private static final float BOX_WIDTH = 40;
    private static final float BOX_HEIGHT = 120;
    private static final float CELL_WIDTH = 70;
    private static final float CELL_HEIGHT = 170;
    private static final float SWAY = 25;
    private static final int MISSED_EVERY = 17;
    private static final int LOW_SCORE_EVERY = 10;

    @Param({"10", "100", "500"})
    public int detections;

    private List<List<Detection>> frames;
    private ByteTracker tracker;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        frames = new ArrayList<>(CYCLE);
        int columns = (int) Math.ceil(Math.sqrt(detections * 16.0 / 9));
        for (int frame = 0; frame < CYCLE; frame++) {
            List<Detection> list = new ArrayList<>(detections);
            for (int k = 0; k < detections; k++) {
                if ((frame + 3 * k) % MISSED_EVERY == 0) {
                    continue;
                }
                double phase = 2 * Math.PI * (frame / (double) CYCLE + k / 7.0);
                float x = (k % columns) * CELL_WIDTH + (float) (SWAY * Math.sin(phase));
                float y = (k / columns) * CELL_HEIGHT + (float) (SWAY / 2 * Math.cos(phase));
                float score = (frame + k) % LOW_SCORE_EVERY == 0 ? 0.3f : 0.6f + 0.35f * ((k * 7919) % 100) / 100f;
                list.add(new Detection(new BoundingBox(x, y, x + BOX_WIDTH, y + BOX_HEIGHT), score, 0));
            }
            frames.add(list);
        }
        tracker = new ByteTracker(TrackerSettings.defaults(), 30);
        for (List<Detection> frame : frames) {
            tracker.update(frame);
        }
        next = 0;
    }

    @Benchmark
    public List<TrackedObject> update() {
        List<Detection> frame = frames.get(next);
        next = (next + 1) % CYCLE;
        return tracker.update(frame);
    }
}
