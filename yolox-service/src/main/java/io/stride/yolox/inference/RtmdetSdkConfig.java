package io.stride.yolox.inference;

import io.stride.core.model.ModelLoadException;
import io.stride.yolox.detect.PixelNormalization;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The input of an MMDeploy RTMDet export as its SDK {@code pipeline.json} describes it: keep-ratio resize to a
 * size, pad to that size with a grey, then mean/std normalisation in BGR order.
 *
 * @param size          side of the square input ({@code Resize.size}); null when the pipeline gives none
 * @param padValue      grey of the padding before normalisation ({@code Pad.pad_val})
 * @param normalization per-channel mean and std in BGR order ({@code Normalize})
 */
record RtmdetPreprocessing(Integer size, int padValue, PixelNormalization normalization) {

    /** What the MMPose RTMPose SDK bundle's rtmdet-nano pipeline.json says, for a model that comes without one. */
    static final RtmdetPreprocessing SDK_DEFAULT = new RtmdetPreprocessing(320, 114,
            PixelNormalization.of(new float[] {103.53f, 116.28f, 123.675f}, new float[] {57.375f, 57.12f, 58.395f}));

    static final String FILE_NAME = "pipeline.json";

    /** The pipeline beside the model, or {@link #SDK_DEFAULT} when there is none. */
    static RtmdetPreprocessing besideModel(Path model) {
        Path pipeline = model.toAbsolutePath().resolveSibling(FILE_NAME);
        return Files.isRegularFile(pipeline) ? read(pipeline) : SDK_DEFAULT;
    }

    /** @throws ModelLoadException when the file is unreadable or asks for something this service cannot do */
    static RtmdetPreprocessing read(Path pipeline) {
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(pipeline.toFile());
        } catch (JacksonException e) {
            throw new ModelLoadException("cannot read " + pipeline + ": " + e.getOriginalMessage(), e);
        }
        Integer size = SDK_DEFAULT.size();
        int padValue = SDK_DEFAULT.padValue();
        PixelNormalization normalization = SDK_DEFAULT.normalization();
        for (JsonNode task : root.path("pipeline").path("tasks")) {
            for (JsonNode transform : task.path("transforms")) {
                switch (transform.path("type").asString("")) {
                    case "Resize" -> size = squareSize(pipeline, transform.path("size"), size);
                    case "Pad" -> padValue = transform.path("pad_val").path("img").path(0).asInt(padValue);
                    case "Normalize" -> normalization = normalization(pipeline, transform);
                    default -> { }
                }
            }
        }
        return new RtmdetPreprocessing(size, padValue, normalization);
    }

    private static Integer squareSize(Path pipeline, JsonNode size, Integer current) {
        if (!size.isArray()) {
            return current;
        }
        int w = size.path(0).asInt();
        int h = size.path(1).asInt();
        if (w != h || w <= 0) {
            throw new ModelLoadException(pipeline + ": only square inputs are supported, got " + size);
        }
        return w;
    }

    private static PixelNormalization normalization(Path pipeline, JsonNode normalize) {
        if (normalize.path("to_rgb").asBoolean(false)) {
            throw new ModelLoadException(pipeline + ": models fed RGB are not supported (frames are BGR)");
        }
        return PixelNormalization.of(floats(normalize.path("mean")), floats(normalize.path("std")));
    }

    private static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) array.path(i).asDouble();
        }
        return values;
    }
}
