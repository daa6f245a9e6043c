package io.stride.e2e.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stride.core.testing.SharedData;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class CameraSoakOptionsTest {

    @BeforeEach
    void defaultClipPresent() {
        SharedData.video(SharedData.PEOPLE_WALKING);
    }

    @Test
    void defaultsAreTwoHoursWithAHalfMinuteOutageHalfWay() {
        CameraSoakOptions options = CameraSoakOptions.parse(new String[0]);

        assertThat(options.clip()).isEqualTo(SharedData.video(SharedData.PEOPLE_WALKING));
        assertThat(options.duration()).isEqualTo(Duration.ofMinutes(120));
        assertThat(options.interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(options.segmentDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(options.maxBytes()).isEqualTo(DataSize.ofMegabytes(100));
        assertThat(options.outageAt()).isEqualTo(Duration.ofMinutes(60));
        assertThat(options.outage()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.hasOutage()).isTrue();
        assertThat(options.maxHeapGrowthMib()).isEqualTo(32.0);
        assertThat(options.overrides()).isEmpty();
    }

    @Test
    void aShortRunWithoutOutage() {
        CameraSoakOptions options = CameraSoakOptions.parse(new String[] {"--minutes", "15", "--interval", "0.5",
                "--segment-seconds", "10", "--max-bytes", "80MB", "--outage-at", "0", "--outage", "5",
                "--max-heap-growth", "16", "--set", "stride.stage.concurrency=2"});

        assertThat(options.duration()).isEqualTo(Duration.ofMinutes(15));
        assertThat(options.interval()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.segmentDuration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.maxBytes()).isEqualTo(DataSize.ofMegabytes(80));
        assertThat(options.hasOutage()).isFalse();
        assertThat(options.outage()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.maxHeapGrowthMib()).isEqualTo(16.0);
        assertThat(options.overrides()).isEqualTo(Map.of("stride.stage.concurrency", "2"));
    }

    @Test
    void theOutageIsHalfWayDownToTheMinute() {
        assertThat(CameraSoakOptions.parse(new String[] {"--minutes", "15"}).outageAt())
                .isEqualTo(Duration.ofMinutes(7));
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> CameraSoakOptions.parse(new String[] {"--minutes", "15", "--outage-at", "15"}))
                .hasMessage("--outage-at 15 is not before the end (15)");
        assertThatThrownBy(() -> CameraSoakOptions.parse(new String[] {"--max-bytes", "lots"}))
                .hasMessage("--max-bytes needs a size such as 20MB, got 'lots'");
        assertThatThrownBy(() -> CameraSoakOptions.parse(new String[] {"--outage-at", "-1"}))
                .hasMessage("--outage-at must not be negative, got -1");
        assertThatThrownBy(() -> CameraSoakOptions.parse(new String[] {"--frames", "10"}))
                .hasMessage("unknown option --frames");
        assertThatThrownBy(() -> CameraSoakOptions.parse(new String[] {"/no/such/clip.mp4"}))
                .hasMessage("no clip at /no/such/clip.mp4 (set STRIDE_SHARED_DIR or name a video)");
    }
}
