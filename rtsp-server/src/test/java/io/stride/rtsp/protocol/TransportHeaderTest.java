package io.stride.rtsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stride.rtsp.protocol.Transport.LowerTransport;
import io.stride.rtsp.protocol.Transport.Mode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransportHeaderTest {

    @Test
    void readsFfmpegPublisherTransport() {
        List<Transport> transports = TransportHeader.parse("RTP/AVP/TCP;unicast;interleaved=0-1;mode=record");

        assertThat(transports).containsExactly(new Transport("RTP/AVP", LowerTransport.TCP, false,
                Optional.of(new PortPair(0, 1)), Optional.empty(), Mode.RECORD));
    }

    @Test
    void readsLive555UdpTransportWhereNoLowerTransportMeansUdp() {
        List<Transport> transports = TransportHeader.parse("RTP/AVP;unicast;client_port=53194-53195");

        assertThat(transports).containsExactly(new Transport("RTP/AVP", LowerTransport.UDP, false,
                Optional.empty(), Optional.of(new PortPair(53194, 53195)), Mode.PLAY));
        assertThat(transports.get(0).isPlainRtp()).isTrue();
    }

    @Test
    void keepsAlternativesInTheClientsOrderOfPreference() {
        List<Transport> transports = TransportHeader.parse(
                "RTP/AVP/UDP;unicast;client_port=5000-5001, RTP/AVP/TCP;unicast;interleaved=2-3");

        assertThat(transports).extracting(Transport::lower).containsExactly(LowerTransport.UDP, LowerTransport.TCP);
        assertThat(transports.get(1).interleaved()).contains(new PortPair(2, 3));
    }

    @Test
    void readsMulticastQuotedModeLoneNumbersAndSecureProfiles() {
        List<Transport> transports = TransportHeader.parse(
                "RTP/AVP;multicast;ttl=127;mode=\"PLAY\",rtp/savp/tcp;interleaved=4,RAW/RAW/UDP;client_port=7");

        assertThat(transports.get(0).multicast()).isTrue();
        assertThat(transports.get(0).mode()).isEqualTo(Mode.PLAY);
        assertThat(transports.get(1).profile()).isEqualTo("RTP/SAVP");
        assertThat(transports.get(1).isPlainRtp()).isFalse();
        assertThat(transports.get(1).interleaved()).contains(new PortPair(4, 5));
        assertThat(transports.get(2).clientPorts()).contains(new PortPair(7, 8));
        assertThat(transports.get(2).isPlainRtp()).isFalse();
    }

    @Test
    void rejectsMissingAndMalformedHeaders() {
        assertThatThrownBy(() -> TransportHeader.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TransportHeader.parse(" , ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TransportHeader.parse("RTP")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TransportHeader.parse("RTP/AVP;client_port=a-b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TransportHeader.parse("RTP/AVP/TCP;interleaved=255-256"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TransportHeader.parse("RTP/AVP;client_port=70000"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesReplies() {
        assertThat(Transport.tcpReply(new PortPair(2, 3), Mode.PLAY)).isEqualTo("RTP/AVP/TCP;unicast;interleaved=2-3");
        assertThat(Transport.tcpReply(new PortPair(0, 1), Mode.RECORD))
                .isEqualTo("RTP/AVP/TCP;unicast;interleaved=0-1;mode=record");
        assertThat(Transport.udpReply(new PortPair(5000, 5001), new PortPair(8000, 8001)))
                .isEqualTo("RTP/AVP;unicast;client_port=5000-5001;server_port=8000-8001");
    }
}
