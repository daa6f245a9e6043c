package io.stride.core.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real models, videos and MOT17 data of {@code ../shared}, found through the {@code STRIDE_SHARED_DIR}
 * environment variable (Maven sets it; see the parent pom) or the {@code stride.shared.dir} system property.
 *
 * <p>Missing data skips a test on a developer's machine, but fails it where the data is required: under
 * {@code CI=true}, or with {@code -Dstride.shared.required=true}. Otherwise a CI run without the data would pass
 * on nothing but skipped tests. The system property, when set, wins over {@code CI} either way.
 */
public final class SharedData {

    /** System property that makes missing data a failure ({@code true}) or a skip ({@code false}). */
    public static final String REQUIRED_PROPERTY = "stride.shared.required";

    private SharedData() {
    }

    public static Path dir() {
        String configured = System.getProperty("stride.shared.dir", System.getenv("STRIDE_SHARED_DIR"));
        return Path.of(configured != null ? configured : "../shared").toAbsolutePath().normalize();
    }

    /** Whether missing shared data fails tests rather than skipping them. */
    public static boolean isRequired() {
        String property = System.getProperty(REQUIRED_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Boolean.parseBoolean(property.trim());
        }
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * A file under the shared directory. When it is absent the test fails where the data is required (see the
     * class comment) and is skipped, not passed, elsewhere.
     */
    public static Path require(String relative) {
        Path file = dir().resolve(relative);
        if (!Files.exists(file)) {
            String message = "shared test data missing: " + file
                    + "; set STRIDE_SHARED_DIR or -Dstride.shared.dir";
            if (isRequired()) {
                fail(message);
            }
            assumeTrue(false, message);
        }
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
