package io.stride.yolox.inference;

import io.stride.core.model.ModelLoadException;
import java.util.Arrays;

/**
 * The image input of a detector graph, {@code [batch, 3, height, width]}, with dynamic sizes resolved.
 *
 * @param dynamicBatch whether the graph takes any number of images per call (otherwise exactly one)
 * @param width        input width in pixels
 * @param height       input height in pixels
 */
record InputShape(boolean dynamicBatch, int width, int height) {

    private static final int RANK = 4;
    private static final int CHANNELS = 3;
    private static final long DYNAMIC = -1;

    /**
     * @param shape       the graph's input shape, {@code -1} for dynamic dimensions
     * @param defaultSize the square size to use when height and width are dynamic; null if none is known
     * @throws ModelLoadException when the graph does not take one BGR image per batch slot
     */
    static InputShape of(String model, long[] shape, Integer defaultSize) {
        if (shape.length != RANK || shape[1] != CHANNELS) {
            throw new ModelLoadException(model + ": expected an image input [batch, 3, height, width], got "
                    + Arrays.toString(shape));
        }
        if (shape[0] != DYNAMIC && shape[0] != 1) {
            throw new ModelLoadException(model + ": a fixed batch of " + shape[0]
                    + " is not supported; export it with batch 1 or a dynamic batch");
        }
        int height = size(model, shape[2], defaultSize, "height");
        int width = size(model, shape[3], defaultSize, "width");
        return new InputShape(shape[0] == DYNAMIC, width, height);
    }

    private static int size(String model, long fromGraph, Integer defaultSize, String what) {
        if (fromGraph > 0) {
            return Math.toIntExact(fromGraph);
        }
        if (defaultSize == null) {
            throw new ModelLoadException(model + ": the input " + what
                    + " is dynamic; set stride.yolox.input-size to the size the model was trained for");
        }
        return defaultSize;
    }

    /** Frames per inference call: the configured batch where the graph allows it, one otherwise. */
    int batchSize(int configured) {
        return dynamicBatch ? configured : 1;
    }
}
