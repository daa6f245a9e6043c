package io.stride.e2e.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What pose estimation cost over some frames, split so that the model's own share can be swapped for another
 * model's: a real RTMPose's cost on a frame is what the stage spends around the model plus, for each person, one
 * crop through that model.
 *
 * @param frames       frames the cost is spread over (all of them, with persons or not)
 * @param persons      persons posed in those frames, i.e. crops through the model
 * @param totalSeconds all the pose work: the rtmpose process's CPU time in the fleet, or the timed step in process
 * @param phaseSeconds the phases the stage times ({@code stride_stage_phase_seconds}): {@code decode} (the frame's
 *                     JPEG, once per frame with persons), {@code preprocess} (affine crops, normalisation),
 *                     {@code inference} (the model alone), {@code postprocess} (SimCC decoding, back to the frame)
 */
record PoseCost(int frames, long persons, double totalSeconds, Map<String, Double> phaseSeconds) {

    static final String DECODE = "decode";
    static final String PREPROCESS = "preprocess";
    static final String INFERENCE = "inference";
    static final String POSTPROCESS = "postprocess";
    private static final double MILLIS_PER_SECOND = 1e3;

    PoseCost {
        if (frames <= 0) {
            throw new IllegalArgumentException("no frames");
        }
        phaseSeconds = Map.copyOf(phaseSeconds);
    }

    double personsPerFrame() {
        return (double) persons / frames;
    }

    double millisPerFrame() {
        return totalSeconds * MILLIS_PER_SECOND / frames;
    }

    /** All the pose work over the persons posed; NaN when there were none. */
    double millisPerPerson() {
        return perPerson(totalSeconds);
    }

    /** One phase, milliseconds per frame; 0 for a phase never timed. */
    double phaseMillisPerFrame(String phase) {
        return phase(phase) * MILLIS_PER_SECOND / frames;
    }

    /** One phase, milliseconds per person posed. */
    double phaseMillisPerPerson(String phase) {
        return perPerson(phase(phase));
    }

    /** The stage's own work on each person around the model: the crop going in, the keypoints coming out. */
    double stageWorkMillisPerPerson() {
        return perPerson(phase(PREPROCESS) + phase(POSTPROCESS));
    }

    /** The model alone, per person: the share a real RTMPose's own latency replaces. */
    double modelMillisPerPerson() {
        return perPerson(phase(INFERENCE));
    }

    /** Everything but the model, per frame: JPEG decode, crops, decoding, Kafka, record handling, the JVM. */
    double besidesModelMillisPerFrame() {
        return (totalSeconds - phase(INFERENCE)) * MILLIS_PER_SECOND / frames;
    }

    /**
     * The pose work per frame this measurement predicts for a model that takes {@code modelMillisPerCrop} on one
     * crop on this machine: what the stage spends besides the model, plus one crop per person.
     */
    double predictedMillisPerFrame(double modelMillisPerCrop) {
        return besidesModelMillisPerFrame() + personsPerFrame() * modelMillisPerCrop;
    }

    /**
     * This cost with the phases of {@code measured}, per person, scaled to this cost's persons: for the fleet, whose
     * phase timers record wall time, which grows with the machine's load, the split that a measurement of the
     * thread's CPU time in process found.
     */
    PoseCost splitAs(PoseCost measured) {
        Map<String, Double> phases = new LinkedHashMap<>();
        measured.phaseSeconds.forEach((phase, seconds) ->
                phases.put(phase, measured.persons == 0 ? 0 : seconds / measured.persons * persons));
        return new PoseCost(frames, persons, totalSeconds, phases);
    }

    private double phase(String phase) {
        return phaseSeconds.getOrDefault(phase, 0.0);
    }

    private double perPerson(double seconds) {
        return persons == 0 ? Double.NaN : seconds * MILLIS_PER_SECOND / persons;
    }
}
