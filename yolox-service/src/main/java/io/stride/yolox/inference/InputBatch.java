package io.stride.yolox.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.stride.yolox.detect.Letterbox;
import io.stride.yolox.detect.LetterboxGeometry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One thread's model input: a direct buffer for a full batch, allocated once and handed to ONNX Runtime
 * without a copy, and the letterbox that fills it.
 */
final class InputBatch implements AutoCloseable {

    private static final int CHANNELS = 3;

    private final Letterbox letterbox;
    private final int capacity;
    private final FloatBuffer buffer;

    InputBatch(Letterbox letterbox, int capacity) {
        this.letterbox = letterbox;
        this.capacity = capacity;
        long bytes = (long) capacity * letterbox.imageFloats() * Float.BYTES;
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a batch of " + capacity + " inputs needs " + bytes + " bytes");
        }
        this.buffer = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** Letterboxes the frames into the first slots; at most {@link #capacity()} frames. */
    List<LetterboxGeometry> fill(List<Mat> frames) {
        if (frames.size() > capacity) {
            throw new IllegalArgumentException(frames.size() + " frames exceed a batch of " + capacity);
        }
        List<LetterboxGeometry> geometries = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            geometries.add(letterbox.write(frames.get(i), buffer, i));
        }
        return geometries;
    }

    /** A tensor over the first {@code count} slots; it shares the buffer, so close it before the next fill. */
    OnnxTensor tensor(OrtEnvironment env, int count) throws OrtException {
        FloatBuffer view = buffer.duplicate();
        view.position(0).limit(count * letterbox.imageFloats());
        long[] shape = {count, CHANNELS, letterbox.inputHeight(), letterbox.inputWidth()};
        return OnnxTensor.createTensor(env, view, shape);
    }

    int capacity() {
        return capacity;
    }

    @Override
    public void close() {
        letterbox.close();
    }
}
