package io.stride.rtsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RtspServerSettingsTest {

    @Test
    void defaultsAreThoseDocumented() {
        var defaults = RtspServerSettings.defaults();

        assertThat(defaults).isEqualTo(new RtspServerSettings("0.0.0.0", 8554, new PortRange(8000, 8099),
                Duration.ofSeconds(60), Duration.ofSeconds(2), 32, 1024 * 1024));
    }

    @Test
    void withersChangeOneValue() {
        var changed = RtspServerSettings.defaults().withPort(0).withMaxReadersPerPath(3);

        assertThat(changed.port()).isZero();
        assertThat(changed.maxReadersPerPath()).isEqualTo(3);
        assertThat(changed.sessionTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void rejectsValuesThatCannotWork() {
        var defaults = RtspServerSettings.defaults();
        assertThatThrownBy(() -> defaults.withPort(70_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withSessionTimeout(Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withPublisherWait(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withMaxReadersPerPath(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withReaderWriteBufferBytes(1500))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortRange(8000, 8000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortRange(8001, 8002)).as("no even/odd pair").isInstanceOf(IllegalArgumentException.class);
        assertThat(PortRange.ephemeral().isEphemeral()).isTrue();
    }
}
