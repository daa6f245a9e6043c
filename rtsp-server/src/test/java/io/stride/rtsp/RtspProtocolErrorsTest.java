package io.stride.rtsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests a player or publisher gets wrong, sent byte for byte on raw sockets: each gets its RFC 2326 status,
 * and none of them disturbs a stream that is being relayed to another reader at the same time.
 */
class RtspProtocolErrorsTest {

    private static final Duration PUBLISHER_WAIT = Duration.ofMillis(400);
    @RegisterExtension
    static final TaskIdServer server = new TaskIdServer(PUBLISHER_WAIT, StreamAccess.open());

    private String path;

    @BeforeEach
    void newPath() {
        path = TaskIdServer.newPath();
    }

    @Test
    void optionsListsTheMethodsAndEchoesCSeq() throws IOException {
        try (var client = RawRtspClient.connect(server.port())) {
            client.sendRaw("OPTIONS * RTSP/1.0\r\nCSeq: 41\r\n\r\n");
            var reply = client.readReply();

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("CSeq")).isEqualTo("41");
            assertThat(reply.header("Public")).isEqualTo(
                    "OPTIONS, DESCRIBE, ANNOUNCE, SETUP, PLAY, PAUSE, RECORD, TEARDOWN, GET_PARAMETER, SET_PARAMETER");
        }
    }

    @Test
    void requestWithoutCSeqGets400AndTheConnectionStaysUsable() throws IOException {
        try (var client = RawRtspClient.connect(server.port())) {
            client.sendRaw("OPTIONS * RTSP/1.0\r\nUser-Agent: test\r\n\r\n");
            var reply = client.readReply();
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.header("CSeq")).isNull();

            assertThat(client.request("OPTIONS", "*").status()).isEqualTo(200);
        }
    }

    @Test
    void unknownMethodGets501() throws IOException {
        try (var client = RawRtspClient.connect(server.port())) {
            var reply = client.request("FLY", client.url(path));

            assertThat(reply.status()).isEqualTo(501);
            assertThat(reply.header("CSeq")).isEqualTo("1");
            assertThat(client.request("OPTIONS", "*").status()).isEqualTo(200);
        }
    }

    @Test
    void describeOfAPathWithoutPublisherAsksTheMissingPathHandlerWaitsThenAnswers404() throws IOException {
        try (var client = RawRtspClient.connect(server.port())) {
            long start = System.nanoTime();
            var reply = client.request("DESCRIBE", client.url(path));
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(reply.status()).isEqualTo(404);
            assertThat(waitedMillis).isGreaterThanOrEqualTo(PUBLISHER_WAIT.toMillis());
            assertThat(server.missingPathsAsked()).contains(path);
        }
    }

    @Test
    void describeWaitingForAPublisherGetsItsStreamWhenItStartsRecording() throws Exception {
        var executor = Executors.newSingleThreadExecutor();
        try (var client = RawRtspClient.connect(server.port())) {
            var describe = executor.submit(() -> client.request("DESCRIBE", client.url(path)));
            Thread.sleep(100);
            try (var publisher = RawPublisher.start(server.port(), path)) {
                var reply = describe.get(5, TimeUnit.SECONDS);
                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.body()).contains("a=control:trackID=0");
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void requestsBehindAWaitingDescribeAreAnsweredInOrder() throws IOException {
        try (var client = RawRtspClient.connect(server.port())) {
            client.send("DESCRIBE", client.url(path), null, null);
            client.send("OPTIONS", "*", null, null);

            var describe = client.readReply();
            var options = client.readReply();
            assertThat(describe.header("CSeq")).isEqualTo("1");
            assertThat(describe.status()).isEqualTo(404);
            assertThat(options.header("CSeq")).isEqualTo("2");
            assertThat(options.status()).isEqualTo(200);
        }
    }

    @Test
    void pathsTheValidatorRejectsGet400() throws IOException {
        try (var client = RawRtspClient.connect(server.port())) {
            assertThat(client.request("DESCRIBE", client.url("/not-a-task")).status()).isEqualTo(400);
            assertThat(client.requestWithBody("ANNOUNCE", client.url("/not-a-task"), "application/sdp",
                    RawPublisher.SDP).status()).isEqualTo(400);
        }
    }

    @Test
    void playBeforeSetupGets455() throws IOException {
        try (var publisher = RawPublisher.start(server.port(), path);
                var client = RawRtspClient.connect(server.port())) {
            assertThat(client.request("PLAY", client.url(path)).status()).isEqualTo(455);
        }
    }

    @Test
    void requestsNamingAnUnknownSessionGet454() throws IOException {
        try (var client = RawRtspClient.connect(server.port())) {
            assertThat(client.request("PLAY", client.url(path), "Session: 0123456789abcdef").status())
                    .isEqualTo(454);
            assertThat(client.request("TEARDOWN", client.url(path), "Session: 0123456789abcdef").status())
                    .isEqualTo(454);
        }
    }

    @Test
    void sessionsBelongToTheirConnection() throws IOException {
        try (var publisher = RawPublisher.start(server.port(), path);
                var reader = RawReader.playTcp(server.port(), path, 0);
                var other = RawRtspClient.connect(server.port())) {
            assertThat(other.request("TEARDOWN", other.url(path), "Session: " + reader.session()).status())
                    .isEqualTo(454);
        }
    }

    @Test
    void setupOfATrackTheStreamDoesNotHaveGets404() throws IOException {
        try (var publisher = RawPublisher.start(server.port(), path);
                var client = RawRtspClient.connect(server.port())) {
            var reply = client.request("SETUP", client.url(path + "/trackID=5"),
                    "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
            assertThat(reply.status()).isEqualTo(404);
        }
    }

    @Test
    void setupOfAPathWithoutPublisherGets404() throws IOException {
        try (var client = RawRtspClient.connect(server.port())) {
            var reply = client.request("SETUP", client.url(path + "/trackID=0"),
                    "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
            assertThat(reply.status()).isEqualTo(404);
        }
    }

    @Test
    void setupWithOnlyUnsupportedTransportsGets461() throws IOException {
        try (var publisher = RawPublisher.start(server.port(), path);
                var client = RawRtspClient.connect(server.port())) {
            var reply = client.request("SETUP", client.url(path + "/trackID=0"),
                    "Transport: RTP/AVP;multicast;port=5000-5001,RTP/SAVP/TCP;unicast;interleaved=0-1");
            assertThat(reply.status()).isEqualTo(461);
        }
    }

    @Test
    void malformedTransportGets400() throws IOException {
        try (var publisher = RawPublisher.start(server.port(), path);
                var client = RawRtspClient.connect(server.port())) {
            var reply = client.request("SETUP", client.url(path + "/trackID=0"),
                    "Transport: RTP/AVP;unicast;client_port=abc-def");
            assertThat(reply.status()).isEqualTo(400);
        }
    }

    @Test
    void publisherOverUdpGets461SoItRetriesOverTcp() throws IOException {
        try (var client = RawRtspClient.connect(server.port())) {
            var announce = client.requestWithBody("ANNOUNCE", client.url(path), "application/sdp", RawPublisher.SDP);
            String session = "Session: " + announce.session();

            var udp = client.request("SETUP", client.url(path + "/streamid=0"),
                    "Transport: RTP/AVP/UDP;unicast;client_port=5000-5001;mode=record", session);
            assertThat(udp.status()).isEqualTo(461);
            var tcp = client.request("SETUP", client.url(path + "/streamid=0"),
                    "Transport: RTP/AVP/TCP;unicast;interleaved=0-1;mode=record", session);
            assertThat(tcp.status()).isEqualTo(200);
            assertThat(tcp.header("Transport")).isEqualTo("RTP/AVP/TCP;unicast;interleaved=0-1;mode=record");
        }
    }

    @Test
    void recordBeforeSetupGets455() throws IOException {
        try (var client = RawRtspClient.connect(server.port())) {
            var announce = client.requestWithBody("ANNOUNCE", client.url(path), "application/sdp", RawPublisher.SDP);
            var record = client.request("RECORD", client.url(path), "Session: " + announce.session());
            assertThat(record.status()).isEqualTo(455);
            assertThat(server.isLive(path)).isFalse();
        }
    }

    @Test
    void announceWithoutSdpGets415AndInvalidSdpGets400() throws IOException {
        try (var client = RawRtspClient.connect(server.port())) {
            assertThat(client.requestWithBody("ANNOUNCE", client.url(path), "text/plain", "hello").status())
                    .isEqualTo(415);
            assertThat(client.requestWithBody("ANNOUNCE", client.url(path), "application/sdp", "v=0\r\ns=none\r\n")
                    .status()).isEqualTo(400);
        }
    }

    @Test
    void secondPublisherOnALivePathIsRefusedWith403() throws IOException {
        try (var first = RawPublisher.start(server.port(), path);
                var second = RawRtspClient.connect(server.port())) {
            var announce = second.requestWithBody("ANNOUNCE", second.url(path), "application/sdp", RawPublisher.SDP);
            assertThat(announce.status()).isEqualTo(403);
            assertThat(server.isLive(path)).isTrue();
        }
    }

    @Test
    void garbageClosesOnlyItsOwnConnection() throws IOException {
        try (var publisher = RawPublisher.start(server.port(), path);
                var reader = RawReader.playTcp(server.port(), path, 0);
                var binary = RawRtspClient.connect(server.port());
                var text = RawRtspClient.connect(server.port());
                var oversized = RawRtspClient.connect(server.port())) {
            binary.sendRaw(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00}); // a TLS ClientHello
            text.sendRaw("HELLO THERE\r\n\r\n");
            oversized.sendRaw("DESCRIBE " + client(path) + " RTSP/1.0\r\nX-Filler: " + "x".repeat(20_000));

            for (RawRtspClient broken : List.of(binary, text, oversized)) {
                assertThat(broken.readReply().status()).isEqualTo(400);
                assertThat(broken.closedByServer()).isTrue();
            }
            byte[] packet = publisher.sendRtp(1, 90, 800);
            assertThat(reader.readFrame().payload()).isEqualTo(packet);
            try (var fresh = RawRtspClient.connect(server.port())) {
                assertThat(fresh.request("OPTIONS", "*").status()).isEqualTo(200);
            }
        }
    }

    @Test
    void otherProtocolVersionsGet505() throws IOException {
        try (var client = RawRtspClient.connect(server.port())) {
            client.sendRaw("DESCRIBE " + client(path) + " HTTP/1.1\r\nCSeq: 1\r\n\r\n");
            assertThat(client.readReply().status()).isEqualTo(505);
            assertThat(client.request("OPTIONS", "*").status()).isEqualTo(200);
        }
    }

    private static String client(String path) {
        return "rtsp://127.0.0.1:" + server.port() + path;
    }
}
