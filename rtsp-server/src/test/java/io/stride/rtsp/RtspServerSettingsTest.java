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
                Duration.ofSeconds(60), Duration.ofSeconds(2), 32, 1024 * 1024,
                256, 32, 8, Duration.ofSeconds(10), 4, 8));
    }

    @Test
    void eachWitherChangesItsOwnValue() {
        var changed = RtspServerSettings.defaults().withBindHost("127.0.0.1").withPort(0)
                .withUdpPorts(new PortRange(9000, 9009)).withSessionTimeout(Duration.ofSeconds(5))
                .withPublisherWait(Duration.ofMillis(300)).withMaxReadersPerPath(3)
                .withReaderWriteBufferBytes(256 * 1024).withMaxConnections(9).withMaxConnectionsPerAddress(5)
                .withMaxQueuedRequests(2).withRequestTimeout(Duration.ofSeconds(3)).withMaxOnDemandPublishers(1)
                .withMaxUdpPortPairsPerAddress(6);

        assertThat(changed).isEqualTo(new RtspServerSettings("127.0.0.1", 0, new PortRange(9000, 9009),
                Duration.ofSeconds(5), Duration.ofMillis(300), 3, 256 * 1024,
                9, 5, 2, Duration.ofSeconds(3), 1, 6));
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

    @Test
    void rejectsCapsThatWouldLetNothingInWithTheirNameAndValue() {
        var defaults = RtspServerSettings.defaults();
        assertThatThrownBy(() -> defaults.withMaxConnections(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxConnections must be at least 1: 0");
        assertThatThrownBy(() -> defaults.withMaxConnectionsPerAddress(-1))
                .hasMessage("maxConnectionsPerAddress must be at least 1: -1");
        assertThatThrownBy(() -> defaults.withMaxQueuedRequests(0))
                .hasMessage("maxQueuedRequests must be at least 1: 0");
        assertThatThrownBy(() -> defaults.withRequestTimeout(Duration.ZERO))
                .hasMessage("requestTimeout must be positive: PT0S");
        assertThatThrownBy(() -> defaults.withRequestTimeout(Duration.ofSeconds(-1)))
                .hasMessage("requestTimeout must be positive: PT-1S");
        assertThatThrownBy(() -> defaults.withMaxOnDemandPublishers(0))
                .hasMessage("maxOnDemandPublishers must be at least 1: 0");
        assertThatThrownBy(() -> defaults.withMaxUdpPortPairsPerAddress(0))
                .hasMessage("maxUdpPortPairsPerAddress must be at least 1: 0");
        assertThatThrownBy(() -> defaults.withRequestTimeout(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("requestTimeout");
    }
}
