package io.stride.backend.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.stride.core.evaluation.ClearCounts;
import io.stride.core.evaluation.EvaluationSequence;
import io.stride.core.evaluation.HotaCounts;
import io.stride.core.evaluation.IdentityCounts;
import io.stride.core.evaluation.TrackingScores;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer of {@code POST /tasks/{id}/evaluation}: the MOTChallenge scores of a task's tracks, ratios as
 * fractions (0.5 is 50 %).
 */
@Schema(description = "MOTChallenge scores of the task's tracks against the ground truth; ratios are fractions")
public record EvaluationResult(
        @Schema(description = "frames scored (1 to the last frame of the ground truth or the tracks)", example = "600")
        long frames,
        @JsonProperty("gt_tracks") @Schema(description = "ground-truth targets scored", example = "62")
        int gtTracks,
        @Schema(description = "HOTA, the mean over IoU thresholds 0.05..0.95", example = "0.336") double hota,
        @JsonProperty("det_a") @Schema(description = "HOTA's detection accuracy", example = "0.294") double detA,
        @JsonProperty("ass_a") @Schema(description = "HOTA's association accuracy", example = "0.386") double assA,
        @JsonProperty("loc_a") @Schema(description = "HOTA's localisation accuracy", example = "0.879") double locA,
        @Schema(description = "1 − (FN + FP + ID switches) / targets; can be negative", example = "0.324")
        double mota,
        @Schema(description = "mean IoU of the matches at IoU ≥ 0.5", example = "0.868") double motp,
        @Schema(example = "0.399") double idf1,
        @Schema(description = "identity precision", example = "0.779") double idp,
        @Schema(description = "identity recall", example = "0.268") double idr,
        @JsonProperty("id_switches") @Schema(example = "59") long idSwitches,
        @JsonProperty("true_positives") @Schema(example = "6232") long truePositives,
        @JsonProperty("false_positives") @Schema(example = "162") long falsePositives,
        @JsonProperty("false_negatives") @Schema(example = "12349") long falseNegatives,
        @Schema(description = "times a target's tracking resumed after an interruption", example = "93")
        long fragmentations,
        @JsonProperty("mostly_tracked") @Schema(description = "targets matched in over 80 % of their frames",
                example = "7") int mostlyTracked,
        @JsonProperty("mostly_lost") @Schema(description = "targets matched in under 20 % of their frames",
                example = "32") int mostlyLost) {

    static EvaluationResult of(EvaluationSequence sequence, TrackingScores scores) {
        ClearCounts clear = scores.clear();
        IdentityCounts identity = scores.identity();
        HotaCounts hota = scores.hota();
        return new EvaluationResult(sequence.frames().size(), sequence.gtIdCount(), hota.hota(), hota.detA(),
                hota.assA(), hota.locA(), clear.mota(), clear.motp(), identity.idf1(), identity.idPrecision(),
                identity.idRecall(), clear.idSwitches(), clear.truePositives(), clear.falsePositives(),
                clear.falseNegatives(), clear.fragmentations(), clear.mostlyTracked(), clear.mostlyLost());
    }
}
