package io.stride.yolox.inference;

import io.stride.core.model.ModelLoadException;
import io.stride.yolox.detect.PixelNormalization;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the MMDeploy SDK files beside an RTMDet export say about running it: {@code pipeline.json} gives the
 * preprocessing (keep-ratio resize to a size, pad to that size with a grey, mean/std normalisation in BGR order)
 * and {@code deploy.json} the batch size the export supports.
 *
 * @param size          side of the square input ({@code Resize.size}); null when the pipeline gives none
 * @param padValue      grey of the padding before normalisation ({@code Pad.pad_val})
 * @param normalization per-channel mean and std in BGR order ({@code Normalize})
 * @param batchSize     most images per inference call ({@code models[0].batch_size}). The graph's batch
 *                      dimension is declared dynamic, but the in-graph NMS of the SDK's rtmdet-nano fails on
 *                      batches of 2 ("Where_557 … cannot broadcast 2 by 2100"); its deploy.json says 1
 */
record RtmdetSdkConfig(Integer size, int padValue, PixelNormalization normalization, int batchSize) {

    /** What the MMPose RTMPose SDK bundle's rtmdet-nano files say, for a model that comes without them. */
    static final RtmdetSdkConfig SDK_DEFAULT = new RtmdetSdkConfig(320, 114,
            PixelNormalization.of(new float[] {103.53f, 116.28f, 123.675f}, new float[] {57.375f, 57.12f, 58.395f}),
            1);

    static final String PIPELINE = "pipeline.json";
    static final String DEPLOY = "deploy.json";

    /** The SDK files beside the model; what a missing file would say comes from {@link #SDK_DEFAULT}. */
    static RtmdetSdkConfig besideModel(Path model) {
        Path pipeline = model.toAbsolutePath().resolveSibling(PIPELINE);
        Path deploy = model.toAbsolutePath().resolveSibling(DEPLOY);
        RtmdetSdkConfig config = Files.isRegularFile(pipeline) ? readPipeline(pipeline) : SDK_DEFAULT;
        if (Files.isRegularFile(deploy)) {
            int batch = read(deploy).path("models").path(0).path("batch_size").asInt(SDK_DEFAULT.batchSize());
            if (batch < 1) {
                throw new ModelLoadException(deploy + ": batch_size must be positive, got " + batch);
            }
            config = new RtmdetSdkConfig(config.size(), config.padValue(), config.normalization(), batch);
        }
        return config;
    }

    /** @throws ModelLoadException when the file is unreadable or asks for something this service cannot do */
    static RtmdetSdkConfig readPipeline(Path pipeline) {
        Integer size = SDK_DEFAULT.size();
        int padValue = SDK_DEFAULT.padValue();
        PixelNormalization normalization = SDK_DEFAULT.normalization();
        for (JsonNode task : read(pipeline).path("pipeline").path("tasks")) {
            for (JsonNode transform : task.path("transforms")) {
                switch (transform.path("type").asString("")) {
                    case "Resize" -> size = squareSize(pipeline, transform.path("size"), size);
                    case "Pad" -> padValue = transform.path("pad_val").path("img").path(0).asInt(padValue);
                    case "Normalize" -> normalization = normalization(pipeline, transform);
                    default -> { }
                }
            }
        }
        return new RtmdetSdkConfig(size, padValue, normalization, SDK_DEFAULT.batchSize());
    }

    private static JsonNode read(Path file) {
        try {
            return JsonMapper.builder().build().readTree(file.toFile());
        } catch (JacksonException e) {
            throw new ModelLoadException("cannot read " + file + ": " + e.getOriginalMessage(), e);
        }
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
