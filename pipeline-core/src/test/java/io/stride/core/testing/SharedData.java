package io.stride.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real models, videos and MOT17 data of {@code ../shared}, found through the {@code STRIDE_SHARED_DIR}
 * environment variable (Maven sets it; see the parent pom) or the {@code stride.shared.dir} system property.
 */
public final class SharedData {

    private SharedData() {
    }

    public static Path dir() {
        String configured = System.getProperty("stride.shared.dir", System.getenv("STRIDE_SHARED_DIR"));
        return Path.of(configured != null ? configured : "../shared").toAbsolutePath().normalize();
    }

    /** A file under the shared directory; the test is skipped (not passed) when it is absent. */
    public static Path require(String relative) {
        Path file = dir().resolve(relative);
        assumeTrue(Files.exists(file), "shared test data missing: " + file);
        return file;
    }

    public static Path video(String name) {
        return require("videos/" + name);
    }

    public static Path model(String relative) {
        return require("models/" + relative);
    }

    /** 1280x720, 29.97 fps, 314 frames of pedestrians walking towards the camera. */
    public static final String PEOPLE_WALKING = "people-walking_1280x720_10s.mp4";
    /** 960x540, 5 fps, 5 frames of a shopping street. */
    public static final String MMPOSE_DEMO = "mmpose-demo_960x540_5frames.mp4";
    /** YOLOX-Nano COCO, 416x416, raw grid output. */
    public static final String YOLOX_NANO = "yolox_nano.onnx";
}
