package io.stride.yolox;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The detector of the YOLOX stage.
 *
 * @param modelPath      the ONNX model; default {@code models/yolox_nano.onnx}, relative to the working
 *                       directory; a missing file stops the service at start-up
 * @param modelType      {@code yolox} (default) or {@code rtmdet}, an MMDeploy RTMDet export with NMS in the
 *                       graph, whose preprocessing and batch size come from the MMDeploy SDK files
 *                       ({@code pipeline.json}, {@code deploy.json}) beside the model
 * @param outputFormat   YOLOX only: {@code auto} (default) looks for the decode step ({@code Exp}) in the graph;
 *                       {@code raw-grid} or {@code decoded} say it outright
 * @param scoreThreshold least objectness × class score kept; default 0.1, because ByteTrack's second
 *                       association uses detections down to its low threshold of 0.1
 * @param nmsThreshold   IoU above which a lower-scoring box of the same class is dropped; default 0.45 (YOLOX's)
 * @param batchSize      most frames per inference call when the model's batch dimension is dynamic; a model
 *                       with a fixed batch of 1 (yolox_nano.onnx) runs frames one at a time whatever this says.
 *                       Default 1, measured: YOLOX-Nano re-exported with a dynamic batch, on the 2-core CPU with
 *                       one ONNX Runtime thread, took 15.8 ms a frame one at a time and 16.8 / 16.2 / 18.0 ms a
 *                       frame in batches of 2 / 4 / 8 (medians of 5 interleaved rounds of 32 frames). A GPU
 *                       may gain from larger batches; that was not measured
 * @param inputSize      side of the square model input, needed only when the model's input height and width
 *                       are dynamic (and, for RTMDet, no pipeline.json gives them); unset by default
 * @param reducedDecode  decode each JPEG at 1/2, 1/4 or 1/8 of its size when the model input is that much
 *                       smaller than the frame (libjpeg's DCT scaling); default true: on a 1280x720 frame and
 *                       a 416 input it cuts the JPEG decode from 2.9 to about 1 ms and the letterbox with it
 */
@Validated
@ConfigurationProperties("stride.yolox")
public record YoloxProperties(
        @DefaultValue("models/yolox_nano.onnx") @NotNull Path modelPath,
        @DefaultValue("yolox") @NotNull ModelType modelType,
        @DefaultValue("auto") @NotNull OutputFormatSetting outputFormat,
        @DefaultValue("0.1") @DecimalMin("0.0") @DecimalMax("1.0") float scoreThreshold,
        @DefaultValue("0.45") @DecimalMin("0.0") @DecimalMax("1.0") float nmsThreshold,
        @DefaultValue("1") @Min(1) @Max(64) int batchSize,
        @Min(32) @Max(4096) Integer inputSize,
        @DefaultValue("true") boolean reducedDecode) {

    /** Which family of detector the model file is. */
    public enum ModelType { YOLOX, RTMDET }

    /** How a YOLOX graph's output rows are to be read. */
    public enum OutputFormatSetting { AUTO, RAW_GRID, DECODED }
}
