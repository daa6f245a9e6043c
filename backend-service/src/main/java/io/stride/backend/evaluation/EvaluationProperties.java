package io.stride.backend.evaluation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Scoring a task's tracks against ground truth ({@code POST /tasks/{id}/evaluation}).
 *
 * @param maxGroundTruthSize the largest {@code gt.txt} accepted; a larger body is refused with 413 before it is
 *                           read. The body is held in memory while it is scored, so this bounds what one request
 *                           may take. MOTChallenge's largest training sequence (MOT17-04, 1050 frames of a crowd)
 *                           has a 3.4 MB {@code gt.txt}. Default 32MB
 */
@Validated
@ConfigurationProperties("stride.evaluation")
public record EvaluationProperties(@DefaultValue("32MB") DataSize maxGroundTruthSize) {

    public EvaluationProperties {
        if (maxGroundTruthSize.toBytes() < 1) {
            throw new IllegalArgumentException("stride.evaluation.max-ground-truth-size must be positive");
        }
    }
}
