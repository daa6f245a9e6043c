package io.stride.rtmpose;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the RTMPose stage estimates poses.
 *
 * @param enabled         {@code false} forwards records with no poses and loads no model
 * @param modelPath       the RTMPose ONNX file (default {@code models/rtmpose-m.onnx}, where
 *                        {@code scripts/download_models.sh} puts it); its input size is read from the file
 * @param bboxPadding     crop size relative to the person box, 1.25 as RTMPose was trained: the context around
 *                        the tightly cut limbs matters to the model
 * @param simccSplitRatio SimCC bins per input pixel, 2.0 for every released RTMPose model
 * @param personClassId   class id of persons among the tracks, 0 in the COCO classes YOLOX detects
 */
@Validated
@ConfigurationProperties("stride.rtmpose")
public record RtmposeProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("models/rtmpose-m.onnx") @NotNull Path modelPath,
        @DefaultValue("1.25") @DecimalMin("1.0") double bboxPadding,
        @DefaultValue("2.0") @Positive double simccSplitRatio,
        @DefaultValue("0") @Min(0) int personClassId) {
}
