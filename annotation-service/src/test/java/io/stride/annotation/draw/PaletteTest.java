package io.stride.annotation.draw;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaletteTest {

    @Test
    void hsvPrimariesConvertExactly() {
        assertThat(Palette.fromHsv(0.0, 1.0, 1.0)).isEqualTo(new BgrColor(0, 0, 255));
        assertThat(Palette.fromHsv(1.0 / 3, 1.0, 1.0)).isEqualTo(new BgrColor(0, 255, 0));
        assertThat(Palette.fromHsv(2.0 / 3, 1.0, 1.0)).isEqualTo(new BgrColor(255, 0, 0));
        assertThat(Palette.fromHsv(0.5, 1.0, 1.0)).isEqualTo(new BgrColor(255, 255, 0));
        assertThat(Palette.fromHsv(0.25, 0.0, 0.5)).isEqualTo(new BgrColor(128, 128, 128));
    }

    @Test
    void trackColoursStepTheHueByTheGoldenRatio() {
        // id 0: hue 0, s 0.8, v 1 -> r 1, g = b = 0.2
        assertThat(Palette.forTrack(0)).isEqualTo(new BgrColor(51, 51, 255));
        // id 1: hue 0.618 (sector 3, f 0.708) -> r 0.2, g 1 - 0.8 * 0.708 = 0.4334, b 1
        assertThat(Palette.forTrack(1)).isEqualTo(new BgrColor(255, 111, 51));
    }

    @Test
    void consecutiveTracksGetDistinctColours() {
        Set<BgrColor> colours = new HashSet<>();
        for (int id = 1; id <= 50; id++) {
            colours.add(Palette.forTrack(id));
        }
        assertThat(colours).hasSize(50);
        assertThat(Palette.forTrack(-3)).isNotNull();
    }

    @Test
    void untrackedClassesArePalerThanTracks() {
        BgrColor track = Palette.forTrack(2);
        BgrColor detection = Palette.forClass(2);
        int trackSpread = Math.max(track.red(), Math.max(track.green(), track.blue()))
                - Math.min(track.red(), Math.min(track.green(), track.blue()));
        int detectionSpread = Math.max(detection.red(), Math.max(detection.green(), detection.blue()))
                - Math.min(detection.red(), Math.min(detection.green(), detection.blue()));
        assertThat(detectionSpread).isLessThan(trackSpread);
    }
}
