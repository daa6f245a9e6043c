package io.stride.rtmpose.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test model itself, run by ONNX Runtime on tensors built by hand: the fixture every other test relies on. */
class ExactAnswerPoseModelTest {

    private static final int WIDTH = 6;
    private static final int HEIGHT = 4;
    private static final float BACKGROUND = -1f;

    @TempDir
    Path dir;

    @Test
    void declaresTheInterfaceOfAnRtmposeExport() throws Exception {
        Path file = ExactAnswerPoseModel.write(dir.resolve("pose.onnx"), 192, 256);
        var env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(file.toString())) {
            assertThat(session.getInputNames()).containsExactly("input");
            assertThat(shape(session.getInputInfo().get("input").getInfo())).containsExactly(-1, 3, 256, 192);
            assertThat(session.getOutputNames()).containsExactly("simcc_x", "simcc_y");
            assertThat(shape(session.getOutputInfo().get("simcc_x").getInfo())).containsExactly(-1, 17, 384);
            assertThat(shape(session.getOutputInfo().get("simcc_y").getInfo())).containsExactly(-1, 17, 512);
        }
    }

    @Test
    void fixedBatchModelsDeclareTheirBatchSize() throws Exception {
        Path file = ExactAnswerPoseModel.writeWithFixedBatch(dir.resolve("pose.onnx"), 288, 384, 1);
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(file.toString())) {
            assertThat(shape(session.getInputInfo().get("input").getInfo())).containsExactly(1, 3, 384, 288);
        }
    }

    @Test
    void everyKeypointPeaksAtTheBrightestPixelOfItsImageWithItsBrightness() throws Exception {
        Path file = ExactAnswerPoseModel.write(dir.resolve("pose.onnx"), WIDTH, HEIGHT);
        float[] data = new float[2 * 3 * HEIGHT * WIDTH];
        java.util.Arrays.fill(data, BACKGROUND);
        // Image 0: pixel (x=4, y=1) with channels 3, 0, 1.5 (mean 1.5).
        set(data, 0, 4, 1, 3f, 0f, 1.5f);
        // Image 1: pixel (x=0, y=3) with mean 0.5, and a dimmer one at (x=5, y=0).
        set(data, 1, 0, 3, 0.5f, 0.5f, 0.5f);
        set(data, 1, 5, 0, 0.25f, 0.25f, 0.25f);

        var env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(file.toString());
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), new long[] {2, 3, HEIGHT, WIDTH});
             OrtSession.Result result = session.run(Map.of("input", input))) {
            float[][][] x = (float[][][]) result.get("simcc_x").orElseThrow().getValue();
            float[][][] y = (float[][][]) result.get("simcc_y").orElseThrow().getValue();

            assertThat(x).hasDimensions(2, 17);
            for (int k = 0; k < 17; k++) {
                assertThat(x[0][k]).containsExactly(
                        BACKGROUND, BACKGROUND, BACKGROUND, BACKGROUND, BACKGROUND, BACKGROUND, BACKGROUND, BACKGROUND,
                        1.5f, 1.5f, BACKGROUND, BACKGROUND);
                assertThat(y[0][k]).containsExactly(BACKGROUND, BACKGROUND, 1.5f, 1.5f, BACKGROUND, BACKGROUND,
                        BACKGROUND, BACKGROUND);
                assertThat(x[1][k]).containsExactly(0.5f, 0.5f, BACKGROUND, BACKGROUND, BACKGROUND, BACKGROUND,
                        BACKGROUND, BACKGROUND, BACKGROUND, BACKGROUND, 0.25f, 0.25f);
                assertThat(y[1][k]).containsExactly(0.25f, 0.25f, BACKGROUND, BACKGROUND, BACKGROUND, BACKGROUND,
                        0.5f, 0.5f);
            }
        }
    }

    private static void set(float[] data, int image, int x, int y, float c0, float c1, float c2) {
        int plane = HEIGHT * WIDTH;
        int base = image * 3 * plane + y * WIDTH + x;
        data[base] = c0;
        data[base + plane] = c1;
        data[base + 2 * plane] = c2;
    }

    private static long[] shape(Object info) {
        return ((TensorInfo) info).getShape();
    }
}
