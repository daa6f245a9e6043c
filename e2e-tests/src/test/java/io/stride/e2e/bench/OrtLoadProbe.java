package io.stride.e2e.bench;

import ai.onnxruntime.OrtEnvironment;

/**
 * Run in a fresh JVM by {@link YoloxStartup}: prints how long ONNX Runtime takes to get its native libraries
 * loaded and its environment created, which is the part of a model service's start-up that
 * {@code -Donnxruntime.native.path} changes.
 */
public final class OrtLoadProbe {

    /** The line the probe prints, followed by milliseconds. */
    static final String RESULT_PREFIX = "ort-load-ms=";
    private static final double NANOS_PER_MILLI = 1e6;

    private OrtLoadProbe() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        double millis = (System.nanoTime() - start) / NANOS_PER_MILLI;
        System.out.println(RESULT_PREFIX + millis + " version=" + environment.getVersion());
    }
}
