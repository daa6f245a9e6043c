package io.stride.rtsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each cap of {@link RtspServerSettings} on its own, against the real server on raw sockets: what a client over it
 * gets, that clients under it are served, and that what it held is given back. Clients on other loopback addresses
 * (127.0.0.2, …) stand for other hosts.
 */
class RtspLimitsTest {

    private static final String PATH = "/cam";
    private static final String UDP_TRANSPORT = "Transport: RTP/AVP;unicast;client_port=50000-50001";
    private static final String TCP_TRANSPORT = "Transport: RTP/AVP/TCP;unicast;interleaved=0-1";

    private RtspServer server;
    private int port;
    private final List<AutoCloseable> opened = new ArrayList<>();

    private void start(RtspServerSettings settings) throws IOException {
        server = new RtspServer(settings);
        server.start();
        port = server.port();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
        server.close();
    }

    private RawRtspClient connectFrom(String address) throws IOException {
        var client = RawRtspClient.connectFrom(address, port);
        opened.add(client);
        return client;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Test
    void aConnectionOverTheServersMaximumIsClosedBeforeAnythingIsRead() throws IOException {
        start(RtspServerSettings.loopbackEphemeral().withMaxConnections(3));
        List<RawRtspClient> admitted = new ArrayList<>();
        for (String address : List.of("127.0.0.2", "127.0.0.3", "127.0.0.4")) {
            var client = connectFrom(address);
            assertThat(client.request("OPTIONS", "*").status()).isEqualTo(200);
            admitted.add(client);
        }

        var refused = connectFrom("127.0.0.5");
        assertThat(refused.closedByServer()).isTrue();
        assertThat(server.connections()).isEqualTo(3);

        admitted.get(0).close();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.connections() == 2);
        assertThat(connectFrom("127.0.0.5").request("OPTIONS", "*").status()).isEqualTo(200);
    }

    @Test
    void aConnectionOverItsAddresssMaximumIsClosedWhileOtherAddressesGetIn() throws IOException {
        start(RtspServerSettings.loopbackEphemeral().withMaxConnectionsPerAddress(2));
        assertThat(connectFrom("127.0.0.2").request("OPTIONS", "*").status()).isEqualTo(200);
        assertThat(connectFrom("127.0.0.2").request("OPTIONS", "*").status()).isEqualTo(200);

        assertThat(connectFrom("127.0.0.2").closedByServer()).isTrue();
        assertThat(connectFrom("127.0.0.3").request("OPTIONS", "*").status()).isEqualTo(200);
    }

    @Test
    void requestsQueuedBehindAWaitingDescribeAreAnsweredInTurnUpToTheMaximumAndOneMoreCloses() throws IOException {
        start(RtspServerSettings.loopbackEphemeral().withMaxQueuedRequests(2)
                .withPublisherWait(Duration.ofMillis(1500)));
        var withinCap = connectFrom("127.0.0.2");
        withinCap.sendRaw(pipelined(port, 2));
        assertThat(List.of(withinCap.readReply(), withinCap.readReply(), withinCap.readReply()))
                .extracting(RawRtspClient.Reply::status, r -> r.header("CSeq"))
                .containsExactly(tuple(404, "1"), tuple(200, "2"), tuple(200, "3"));

        var overCap = connectFrom("127.0.0.3");
        long start = System.nanoTime();
        overCap.sendRaw(pipelined(port, 3));
        assertThatThrownBy(overCap::readReply).as("closed without an answer").isInstanceOf(EOFException.class);
        assertThat(millisSince(start)).as("closed at once, not after the publisher wait").isLessThan(1000);
    }

    /** A DESCRIBE of a path nobody publishes, then {@code options} OPTIONS, in one write. */
    private static String pipelined(int port, int options) {
        var requests = new StringBuilder("DESCRIBE rtsp://127.0.0.1:" + port + "/nobody RTSP/1.0\r\nCSeq: 1\r\n\r\n");
        for (int i = 0; i < options; i++) {
            requests.append("OPTIONS * RTSP/1.0\r\nCSeq: ").append(i + 2).append("\r\n\r\n");
        }
        return requests.toString();
    }

    @Test
    void aConnectionThatSendsNoRequestGets408AndIsClosedAtTheRequestTimeout() throws IOException {
        start(RtspServerSettings.loopbackEphemeral().withRequestTimeout(Duration.ofMillis(600)));
        long start = System.nanoTime();
        var silent = connectFrom("127.0.0.2");

        assertThat(silent.readReply().status()).isEqualTo(408);
        assertThat(millisSince(start)).isBetween(550L, 1500L);
        assertThat(silent.closedByServer()).isTrue();
    }

    @Test
    void aRequestDrippedAByteAtATimeGets408AndIsClosedAtTheRequestTimeoutThoughBytesKeepComing() throws IOException {
        start(RtspServerSettings.loopbackEphemeral().withRequestTimeout(Duration.ofMillis(600)));
        var dripping = connectFrom("127.0.0.2");
        assertThat(dripping.request("OPTIONS", "*").status()).as("a first request in time").isEqualTo(200);

        long start = System.nanoTime();
        RawRtspClient.Reply reply = drip(dripping, 50);

        assertThat(reply.status()).isEqualTo(408);
        assertThat(millisSince(start)).isBetween(550L, 1500L);
        assertThat(dripping.closedByServer()).isTrue();
    }

    /** Sends a never-ending header a byte every {@code intervalMillis} until the server answers. */
    static RawRtspClient.Reply drip(RawRtspClient client, int intervalMillis) throws IOException {
        String endless = "DESCRIBE rtsp://127.0.0.1/drip RTSP/1.0\r\nCSeq: 9\r\nX-Drip: " + "d".repeat(10_000);
        for (int i = 0; i < endless.length(); i++) {
            client.sendRaw(endless.substring(i, i + 1));
            RawRtspClient.Reply reply = client.readReplyWithin(intervalMillis);
            if (reply != null) {
                return reply;
            }
        }
        throw new AssertionError("the server let the drip run through");
    }

    @Test
    void wholeRequestsFurtherApartThanTheRequestTimeoutKeepTheConnection() throws Exception {
        start(RtspServerSettings.loopbackEphemeral().withRequestTimeout(Duration.ofMillis(300)));
        var client = connectFrom("127.0.0.2");

        assertThat(client.request("OPTIONS", "*").status()).isEqualTo(200);
        Thread.sleep(700);
        assertThat(client.request("OPTIONS", "*").status()).isEqualTo(200);
    }

    @Test
    void bytesThatMakeNoMessageAreNoSignOfLife() throws Exception {
        start(RtspServerSettings.loopbackEphemeral().withSessionTimeout(Duration.ofSeconds(1)));
        var client = connectFrom("127.0.0.2");
        assertThat(client.request("OPTIONS", "*").status()).isEqualTo(200);

        long start = System.nanoTime();
        try {
            for (int i = 0; i < 50 && client.readReplyWithin(100) == null; i++) {
                client.sendRaw("\r\n");
            }
        } catch (IOException closed) {
            // The server closed the connection: what the test waits for.
        }
        assertThat(client.closedByServer()).isTrue();
        assertThat(millisSince(start)).isBetween(900L, 3000L);
    }

    @Test
    void aDescribeThatWouldStartOneOnDemandPublisherTooManyGets503AtOnceAndOthersWaitForTheirs() throws Exception {
        start(RtspServerSettings.loopbackEphemeral().withMaxOnDemandPublishers(2)
                .withPublisherWait(Duration.ofMillis(800)));
        List<String> asked = new CopyOnWriteArrayList<>();
        // Says a publisher is coming, which never does.
        server.setMissingPathHandler(path -> asked.add(path));

        var first = connectFrom("127.0.0.2");
        var second = connectFrom("127.0.0.3");
        var joining = connectFrom("127.0.0.4");
        first.send("DESCRIBE", first.url("/a"), null, null);
        second.send("DESCRIBE", second.url("/b"), null, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> asked.size() == 2);
        joining.send("DESCRIBE", joining.url("/a"), null, null);

        long start = System.nanoTime();
        var overCap = connectFrom("127.0.0.5");
        assertThat(overCap.request("DESCRIBE", overCap.url("/c")).status()).isEqualTo(503);
        assertThat(millisSince(start)).as("at once").isLessThan(500);

        assertThat(first.readReply().status()).isEqualTo(404);
        assertThat(second.readReply().status()).isEqualTo(404);
        assertThat(joining.readReply().status()).isEqualTo(404);
        assertThat(asked).as("the joining DESCRIBE waited for the same publisher")
                .containsExactlyInAnyOrder("/a", "/b");

        // No publisher came within the wait: the paths no longer count.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(overCap.request("DESCRIBE", overCap.url("/c")).status()).isEqualTo(404));
        assertThat(asked).containsExactlyInAnyOrder("/a", "/b", "/c");
    }

    @Test
    void anOnDemandPublisherCountsUntilItsPublisherLeaves() throws Exception {
        start(RtspServerSettings.loopbackEphemeral().withMaxOnDemandPublishers(1)
                .withPublisherWait(Duration.ofSeconds(3)));
        List<RawPublisher> replays = new CopyOnWriteArrayList<>();
        // Publishes before it returns: only a handler off the network threads can wait for its own publisher.
        server.setMissingPathHandler(path -> {
            try {
                replays.add(RawPublisher.start(port, path));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return true;
        });
        var client = connectFrom("127.0.0.2");

        assertThat(client.request("DESCRIBE", client.url("/replay-1")).status()).isEqualTo(200);
        assertThat(client.request("DESCRIBE", client.url("/replay-2")).status()).isEqualTo(503);
        assertThat(client.request("DESCRIBE", client.url("/replay-1")).status()).as("live: no new one").isEqualTo(200);

        // The DESCRIBE is answered once the publisher announced, which may be before the handler has listed it.
        await().atMost(Duration.ofSeconds(5)).until(() -> !replays.isEmpty());
        replays.get(0).close();
        await().atMost(Duration.ofSeconds(5)).until(() -> !server.isLive("/replay-1"));
        assertThat(client.request("DESCRIBE", client.url("/replay-2")).status()).isEqualTo(200);
        replays.forEach(replay -> opened.add(replay));
    }

    @Test
    void aSlowMissingPathHandlerHoldsUpNoOtherConnection() throws Exception {
        start(RtspServerSettings.loopbackEphemeral().withPublisherWait(Duration.ofMillis(500)));
        server.setMissingPathHandler(path -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        });
        List<RawRtspClient> describing = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            var client = connectFrom("127.0.0." + (10 + i));
            client.send("DESCRIBE", client.url("/slow-" + i), null, null);
            describing.add(client);
        }

        for (int i = 0; i < 20; i++) {
            var other = connectFrom("127.0.0." + (20 + i));
            long start = System.nanoTime();
            assertThat(other.request("OPTIONS", "*").status()).isEqualTo(200);
            assertThat(millisSince(start)).isLessThan(300);
        }
        for (RawRtspClient client : describing) {
            assertThat(client.readReply().status()).as("after the wait, the handler still busy").isEqualTo(404);
        }
    }

    @Test
    void udpPortPairsOfOneAddressAreCappedAndItsPlayersSetUpOverTcpInstead() throws Exception {
        start(RtspServerSettings.loopbackEphemeral().withMaxUdpPortPairsPerAddress(2));
        opened.add(RawPublisher.start(port, PATH));
        String track = "rtsp://127.0.0.1:" + port + PATH + "/trackID=0";
        var first = connectFrom("127.0.0.2");
        var second = connectFrom("127.0.0.2");
        var third = connectFrom("127.0.0.2");

        assertThat(first.request("SETUP", track, UDP_TRANSPORT).status()).isEqualTo(200);
        assertThat(second.request("SETUP", track, UDP_TRANSPORT).status()).isEqualTo(200);
        assertThat(third.request("SETUP", track, UDP_TRANSPORT).status()).isEqualTo(461);
        assertThat(third.request("SETUP", track, TCP_TRANSPORT).status()).isEqualTo(200);
        assertThat(connectFrom("127.0.0.3").request("SETUP", track, UDP_TRANSPORT).status())
                .as("another address").isEqualTo(200);

        first.close();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(connectFrom("127.0.0.2").request("SETUP", track, UDP_TRANSPORT).status()).isEqualTo(200));
    }
}
