package io.stride.e2e.bench;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Everything one benchmark run measured.
 *
 * @param options    what was asked for
 * @param settings   the service settings every measurement ran with
 * @param machine    where it ran
 * @param date       when it started (ISO-8601, UTC)
 * @param loadBefore the machine's load averages when it started
 * @param loadAfter  the machine's load averages when it ended
 * @param onnxRuntime ONNX Runtime's version
 * @param clip       the clip's frames as the backend publishes them
 * @param stages     each stage's steps, alone, in process
 * @param kafka      moving the frame records through a broker
 * @param baselines  the plain loop, once per round, right before that round's fleet task
 * @param fleet      the fleet's timed tasks, one per round, and where their time went
 * @param startup    yolox-service start-up with and without pre-extracted natives, when measured
 */
record BenchmarkResults(BenchmarkOptions options, ServiceSettings settings, MachineInfo machine, String date,
                        String loadBefore, String loadAfter, String onnxRuntime, ClipFrames clip, StageCosts stages,
                        KafkaTransport kafka, List<BaselineLoop> baselines, FleetRun fleet,
                        Optional<YoloxStartup> startup) {

    /** Frames per second of the baseline over all its runs. */
    double baselineFps() {
        int frames = baselines.stream().mapToInt(BaselineLoop::frames).sum();
        double seconds = baselines.stream().mapToDouble(BaselineLoop::seconds).sum();
        return frames / seconds;
    }

    /** Fleet fps over baseline fps of each round. */
    List<Double> roundRatios() {
        List<Double> fleetFps = fleet.fpsOfEachTask();
        return IntStream.range(0, baselines.size()).mapToObj(i -> fleetFps.get(i) / baselines.get(i).fps()).toList();
    }

    /**
     * The figure of merit, the fleet's throughput over the plain loop's: the median of the rounds' ratios,
     * each of which compares two runs made seconds apart.
     */
    double ratio() {
        List<Double> sorted = roundRatios().stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
