package io.stride.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PoseCostTest {

    private static final double EXACT = 1e-9;

    /** 200 frames, 500 persons; 4 s of CPU, of which decode 0.5, crops 0.75, model 1.25, keypoints 0.25. */
    private static final PoseCost COST = new PoseCost(200, 500, 4.0, Map.of("decode", 0.5, "preprocess", 0.75,
            "inference", 1.25, "postprocess", 0.25));

    @Test
    void spreadsTheWorkOverFramesAndOverPersons() {
        assertThat(COST.personsPerFrame()).isEqualTo(2.5);
        assertThat(COST.millisPerFrame()).isCloseTo(20, within(EXACT));
        assertThat(COST.millisPerPerson()).isCloseTo(8, within(EXACT));
    }

    @Test
    void splitsEachPersonsWorkIntoTheStagesOwnAndTheModels() {
        assertThat(COST.phaseMillisPerFrame("decode")).isCloseTo(2.5, within(EXACT));
        assertThat(COST.phaseMillisPerPerson("preprocess")).isCloseTo(1.5, within(EXACT));
        assertThat(COST.phaseMillisPerPerson("postprocess")).isCloseTo(0.5, within(EXACT));
        assertThat(COST.stageWorkMillisPerPerson()).isCloseTo(2, within(EXACT));
        assertThat(COST.modelMillisPerPerson()).isCloseTo(2.5, within(EXACT));
    }

    @Test
    void predictsAnotherModelsCostFromItsLatencyPerCrop() {
        assertThat(COST.besidesModelMillisPerFrame()).isCloseTo(13.75, within(EXACT));
        // 13.75 ms besides the model + 2.5 persons × 11 ms.
        assertThat(COST.predictedMillisPerFrame(11)).isCloseTo(41.25, within(EXACT));
        // The model measured here, put back in, gives the measurement.
        assertThat(COST.predictedMillisPerFrame(COST.modelMillisPerPerson())).isCloseTo(20, within(EXACT));
    }

    @Test
    void takesTheSplitPerPersonOfAnotherMeasurement() {
        // 100 frames, 300 persons, 3 s of CPU in all; split as COST's persons were: model 2.5 ms, crops 1.5 ms each.
        PoseCost fleet = new PoseCost(100, 300, 3.0, Map.of("inference", 9.0)).splitAs(COST);

        assertThat(fleet.millisPerFrame()).isCloseTo(30, within(EXACT));
        assertThat(fleet.modelMillisPerPerson()).isCloseTo(2.5, within(EXACT));
        assertThat(fleet.phaseMillisPerPerson("preprocess")).isCloseTo(1.5, within(EXACT));
        assertThat(fleet.besidesModelMillisPerFrame()).isCloseTo(22.5, within(EXACT));
    }

    @Test
    void aPhaseNeverTimedCountsAsNothing() {
        PoseCost onlyModel = new PoseCost(10, 20, 1.0, Map.of("inference", 0.5));

        assertThat(onlyModel.phaseMillisPerFrame("decode")).isZero();
        assertThat(onlyModel.stageWorkMillisPerPerson()).isZero();
        assertThat(onlyModel.besidesModelMillisPerFrame()).isCloseTo(50, within(EXACT));
    }

    @Test
    void withoutPersonsThereIsNoCostPerPerson() {
        PoseCost nobody = new PoseCost(10, 0, 0.25, Map.of());

        assertThat(nobody.millisPerFrame()).isCloseTo(25, within(EXACT));
        assertThat(nobody.millisPerPerson()).isNaN();
        assertThat(nobody.modelMillisPerPerson()).isNaN();
    }

    @Test
    void refusesToSpreadOverNoFrames() {
        assertThatThrownBy(() -> new PoseCost(0, 0, 1, Map.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
