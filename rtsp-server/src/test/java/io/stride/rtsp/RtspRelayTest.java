package io.stride.rtsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay at packet level: a raw publisher sends made-up RTP/RTCP packets and raw readers check that exactly
 * those bytes arrive, over interleaved TCP and UDP, and what happens when readers or the publisher misbehave.
 */
class RtspRelayTest {

    private static final String PATH = "/cam";
    private static final Duration PUBLISHER_WAIT = Duration.ofMillis(300);

    private RtspServer server;
    private int port;

    @BeforeEach
    void startServer() throws IOException {
        start(RtspServerSettings.loopbackEphemeral().withPublisherWait(PUBLISHER_WAIT));
    }

    private void start(RtspServerSettings settings) throws IOException {
        if (server != null) {
            server.close();
        }
        server = new RtspServer(settings);
        server.start();
        port = server.port();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void describeAnswersWithThePublishersMediaUnderControlsResolvedAgainstContentBase() throws IOException {
        try (var publisher = RawPublisher.start(port, PATH); var client = RawRtspClient.connect(port)) {
            var describe = client.request("DESCRIBE", client.url(PATH), "Accept: application/sdp");

            assertThat(describe.status()).isEqualTo(200);
            assertThat(describe.header("Content-Type")).isEqualTo("application/sdp");
            assertThat(describe.header("Content-Base")).isEqualTo("rtsp://127.0.0.1:" + port + "/cam/");
            // Session-level "a=control:*" dropped, FFmpeg's "streamid=0" replaced; everything else verbatim.
            assertThat(describe.body()).isEqualTo(String.join("\r\n",
                    "v=0",
                    "o=- 0 0 IN IP4 127.0.0.1",
                    "s=Raw test stream",
                    "c=IN IP4 127.0.0.1",
                    "t=0 0",
                    "m=video 0 RTP/AVP 96",
                    "a=rtpmap:96 H264/90000",
                    "a=fmtp:96 packetization-mode=1",
                    "a=control:trackID=0",
                    ""));
        }
    }

    @Test
    void tcpReaderGetsEveryPacketByteForByteOnTheChannelsItChose() throws IOException {
        try (var publisher = RawPublisher.start(port, PATH); var reader = RawReader.playTcp(port, PATH, 4)) {
            List<byte[]> sent = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                sent.add(publisher.sendRtp(i, 3600L * i, 100 + 37 * i));
            }
            byte[] senderReport = {(byte) 0x80, (byte) 200, 0, 6, 0x12, 0x34, 0x56, 0x78};
            publisher.sendRtcp(senderReport);

            for (byte[] packet : sent) {
                var frame = reader.readFrame();
                assertThat(frame.channel()).isEqualTo(4);
                assertThat(frame.payload()).isEqualTo(packet);
            }
            var rtcp = reader.readFrame();
            assertThat(rtcp.channel()).isEqualTo(5);
            assertThat(rtcp.payload()).isEqualTo(senderReport);
        }
        assertThat(server.statistics().packetsRelayed()).isEqualTo(51);
    }

    @Test
    void readerJoiningMidStreamIsToldWhereTheStreamIsAndStartsWithTheNextPacket() throws IOException {
        try (var publisher = RawPublisher.start(port, PATH)) {
            for (int seq = 1000; seq < 1010; seq++) {
                publisher.sendRtp(seq, 90_000L + 3600L * (seq - 1000), 200);
            }
            publisher.sync(PATH);

            try (var reader = RawReader.playTcp(port, PATH, 0)) {
                assertThat(reader.playReply().header("Range")).isEqualTo("npt=0.000-");
                assertThat(reader.playReply().header("RTP-Info")).isEqualTo(
                        "url=rtsp://127.0.0.1:" + port + "/cam/trackID=0;seq=1010;rtptime=" + (90_000 + 3600 * 9));
                assertThat(reader.playReply().header("Session")).isEqualTo(reader.session() + ";timeout=60");

                byte[] next = publisher.sendRtp(1010, 90_000L + 3600L * 10, 200);
                assertThat(reader.readFrame().payload()).isEqualTo(next);
            }
        }
    }

    @Test
    void vlcStyleUdpReaderGetsEveryPacketFromTheServerPortsItWasGiven() throws IOException {
        try (var publisher = RawPublisher.start(port, PATH);
                var client = RawRtspClient.connect(port);
                var rtpSocket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
                var rtcpSocket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            rtpSocket.setSoTimeout(5_000);
            rtcpSocket.setSoTimeout(5_000);
            String clientPorts = rtpSocket.getLocalPort() + "-" + rtcpSocket.getLocalPort();

            assertThat(client.request("OPTIONS", client.url(PATH)).header("Public"))
                    .contains("DESCRIBE", "SETUP", "PLAY", "PAUSE", "TEARDOWN", "GET_PARAMETER");
            var describe = client.request("DESCRIBE", client.url(PATH), "Accept: application/sdp");
            var setup = client.request("SETUP", describe.header("Content-Base") + "trackID=0",
                    "Transport: RTP/AVP;unicast;client_port=" + clientPorts);
            assertThat(setup.status()).isEqualTo(200);
            assertThat(setup.header("Session")).matches("[0-9a-f]{16};timeout=60");
            String transport = setup.header("Transport");
            assertThat(transport).startsWith("RTP/AVP;unicast;client_port=" + clientPorts + ";server_port=");
            String[] serverPorts = transport.substring(transport.indexOf("server_port=") + 12).split("-");
            int serverRtp = Integer.parseInt(serverPorts[0]);
            assertThat(serverRtp % 2).isZero();
            assertThat(Integer.parseInt(serverPorts[1])).isEqualTo(serverRtp + 1);
            // live555 plays the aggregate URL, with the Content-Base's trailing slash.
            var play = client.request("PLAY", describe.header("Content-Base"), "Session: " + setup.session());
            assertThat(play.status()).isEqualTo(200);

            List<byte[]> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sent.add(publisher.sendRtp(i, 3600L * i, 500));
            }
            byte[] senderReport = {(byte) 0x80, (byte) 200, 0, 1, 9, 9, 9, 9};
            publisher.sendRtcp(senderReport);

            for (byte[] packet : sent) {
                var datagram = receive(rtpSocket);
                assertThat(datagram.getPort()).isEqualTo(serverRtp);
                assertThat(Arrays.copyOf(datagram.getData(), datagram.getLength())).isEqualTo(packet);
            }
            var rtcp = receive(rtcpSocket);
            assertThat(rtcp.getPort()).isEqualTo(serverRtp + 1);
            assertThat(Arrays.copyOf(rtcp.getData(), rtcp.getLength())).isEqualTo(senderReport);

            var keepAlive = client.request("GET_PARAMETER", describe.header("Content-Base"),
                    "Session: " + setup.session());
            assertThat(keepAlive.status()).isEqualTo(200);
            assertThat(keepAlive.session()).isEqualTo(setup.session());
            assertThat(server.statistics().readers()).isEqualTo(1);

            var teardown = client.request("TEARDOWN", describe.header("Content-Base"), "Session: " + setup.session());
            assertThat(teardown.status()).isEqualTo(200);
            assertThat(server.statistics().readers()).isZero();
        }
    }

    @Test
    void udpReaderFallsBackToTcpWhenNoUdpPortPairIsFree() throws IOException {
        try (var occupied = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            int taken = occupied.getLocalPort();
            // A range whose only pair includes a port that is in use: binding it must fail.
            int first = taken % 2 == 0 ? taken : taken - 1;
            start(RtspServerSettings.loopbackEphemeral().withUdpPorts(new PortRange(first, first + 1)));

            try (var publisher = RawPublisher.start(port, PATH); var client = RawRtspClient.connect(port)) {
                var describe = client.request("DESCRIBE", client.url(PATH));
                String track = describe.header("Content-Base") + "trackID=0";

                var udp = client.request("SETUP", track, "Transport: RTP/AVP;unicast;client_port=50000-50001");
                assertThat(udp.status()).isEqualTo(461);

                var tcp = client.request("SETUP", track, "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
                assertThat(tcp.status()).isEqualTo(200);
                assertThat(tcp.header("Transport")).isEqualTo("RTP/AVP/TCP;unicast;interleaved=0-1");
                assertThat(client.request("PLAY", describe.header("Content-Base"), "Session: " + tcp.session())
                        .status()).isEqualTo(200);
                byte[] packet = publisher.sendRtp(7, 700, 64);
                assertThat(client.readFrame().payload()).isEqualTo(packet);
            }
        }
    }

    @Test
    void pausedReaderGetsNothingUntilItPlaysAgain() throws IOException {
        try (var publisher = RawPublisher.start(port, PATH); var reader = RawReader.playTcp(port, PATH, 0)) {
            var client = reader.client();
            String url = client.url(PATH);
            assertThat(client.request("PAUSE", url, "Session: " + reader.session()).status()).isEqualTo(200);
            publisher.sendRtp(1, 100, 50);
            publisher.sync(PATH);
            assertThat(client.readFrameWithin(300)).isNull();

            assertThat(client.request("PLAY", url, "Session: " + reader.session()).status()).isEqualTo(200);
            byte[] afterPlay = publisher.sendRtp(2, 200, 50);
            assertThat(client.readFrame().payload()).isEqualTo(afterPlay);
        }
    }

    @Test
    void publisherTeardownDisconnectsReadersAndFreesThePath() throws IOException {
        try (var publisher = RawPublisher.start(port, PATH); var reader = RawReader.playTcp(port, PATH, 0)) {
            assertThat(server.isLive(PATH)).isTrue();

            assertThat(publisher.teardown(PATH).status()).isEqualTo(200);

            assertThat(reader.client().closedByServer()).isTrue();
            assertThat(server.isLive(PATH)).isFalse();
            try (var client = RawRtspClient.connect(port)) {
                assertThat(client.request("DESCRIBE", client.url(PATH)).status()).isEqualTo(404);
            }
        }
        // The path is free for the next publisher.
        try (var again = RawPublisher.start(port, PATH)) {
            assertThat(server.isLive(PATH)).isTrue();
        }
    }

    @Test
    void packetsThatArriveWithThePublishersTeardownReachTheReaderBeforeItIsDisconnected() throws IOException {
        int packets = 20;
        try (var publisher = RawPublisher.start(port, PATH); var reader = RawReader.playTcp(port, PATH, 0)) {
            assertThat(publisher.sendRtpThenTeardown(PATH, packets, 100).status()).isEqualTo(200);

            List<Integer> received = new ArrayList<>();
            try {
                while (true) {
                    byte[] packet = reader.readFrame().payload();
                    received.add(((packet[2] & 0xFF) << 8) | (packet[3] & 0xFF));
                }
            } catch (EOFException e) {
                // The server closed the reader's connection after the last packet.
            }
            assertThat(received).containsExactlyElementsOf(IntStream.range(0, packets).boxed().toList());
        }
    }

    @Test
    void publisherThatVanishesDisconnectsItsReaders() throws IOException {
        var publisher = RawPublisher.start(port, PATH);
        try (var reader = RawReader.playTcp(port, PATH, 0)) {
            publisher.client().abort();

            assertThat(reader.client().closedByServer()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> !server.isLive(PATH));
            assertThat(server.statistics().readers()).isZero();
        }
    }

    @Test
    void readerThatVanishesDoesNotDisturbTheOthers() throws IOException {
        try (var publisher = RawPublisher.start(port, PATH);
                var staying = RawReader.playTcp(port, PATH, 0);
                var vanishing = RawReader.playTcp(port, PATH, 0)) {
            byte[] first = publisher.sendRtp(1, 100, 300);
            assertThat(vanishing.readFrame().payload()).isEqualTo(first);
            assertThat(staying.readFrame().payload()).isEqualTo(first);

            vanishing.client().abort();
            await().atMost(Duration.ofSeconds(5)).until(() -> server.statistics().readers() == 1);

            for (int seq = 2; seq < 40; seq++) {
                byte[] packet = publisher.sendRtp(seq, 100L * seq, 300);
                assertThat(staying.readFrame().payload()).isEqualTo(packet);
            }
        }
    }

    @Test
    void slowReaderLosesPacketsInsteadOfHoldingUpThePublisherOrTheOtherReaders() throws Exception {
        start(RtspServerSettings.loopbackEphemeral().withReaderWriteBufferBytes(512 * 1024));
        int packets = 6000;
        int bodyBytes = 1400;
        int burst = 30;
        var executor = Executors.newSingleThreadExecutor();
        try (var publisher = RawPublisher.start(port, PATH);
                var stalled = RawReader.playTcp(port, PATH, 0, 4096);
                var reading = RawReader.playTcp(port, PATH, 0)) {
            Future<List<Integer>> readingGot = executor.submit(() -> readUntil(reading, packets));

            // 8.5 MB, more than the stalled reader's buffers can hold (ours, and the kernel's 4 MB at most).
            long start = System.nanoTime();
            for (int seq = 0; seq < packets; seq++) {
                publisher.sendRtp(seq, seq, bodyBytes);
                if (seq % burst == burst - 1) {
                    Thread.sleep(1);
                }
            }
            publisher.sync(PATH);
            long sendMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            // The reading reader keeps receiving: a marker sent after the flood reaches it while the other stalls.
            int markers = 0;
            while (!readingGot.isDone() && markers < 100) {
                publisher.sendRtp(packets + markers, packets + markers, bodyBytes);
                markers++;
                Thread.sleep(100);
            }

            List<Integer> received = readingGot.get(20, TimeUnit.SECONDS);
            assertThat(sendMillis).as("publishing with a reader that reads nothing").isLessThan(15_000);
            assertThat(received.get(received.size() - 1)).isBetween(packets, packets + markers - 1);
            assertThat(received).isSorted().doesNotHaveDuplicates();
            // Over TCP, what the reading reader did not receive was dropped for it (at most: it stopped reading).
            long droppedForReading = packets + markers - received.size();
            long droppedForStalled = server.statistics().packetsDropped() - droppedForReading;
            assertThat(droppedForStalled).isGreaterThan(packets / 4);
            assertThat(server.statistics().readers()).isEqualTo(2);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void readersBeyondThePathLimitAreRefused() throws IOException {
        start(RtspServerSettings.loopbackEphemeral().withMaxReadersPerPath(1));
        try (var publisher = RawPublisher.start(port, PATH);
                var first = RawReader.playTcp(port, PATH, 0);
                var second = RawRtspClient.connect(port)) {
            var setup = second.request("SETUP", second.url(PATH + "/trackID=0"),
                    "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
            assertThat(setup.status()).isEqualTo(453);
        }
    }

    @Test
    void tracksReachReadersOnTheChannelsOfTheirOwnSetup() throws IOException {
        String twoTracks = String.join("\r\n", "v=0", "s=two", "t=0 0",
                "m=video 0 RTP/AVP 96", "a=rtpmap:96 H264/90000", "a=control:streamid=0",
                "m=audio 0 RTP/AVP 97", "a=rtpmap:97 MPEG4-GENERIC/48000/2", "a=control:streamid=1", "");
        try (var publisher = RawPublisher.start(port, PATH, twoTracks, 2); var client = RawRtspClient.connect(port)) {
            var describe = client.request("DESCRIBE", client.url(PATH));
            String base = describe.header("Content-Base");
            assertThat(describe.body()).contains("a=control:trackID=0", "a=control:trackID=1");
            // The reader sets up audio first and picks its own channels.
            var audio = client.request("SETUP", base + "trackID=1", "Transport: RTP/AVP/TCP;unicast;interleaved=10-11");
            var video = client.request("SETUP", base + "trackID=0", "Transport: RTP/AVP/TCP;unicast;interleaved=20-21",
                    "Session: " + audio.session());
            assertThat(video.session()).isEqualTo(audio.session());
            assertThat(client.request("PLAY", base, "Session: " + audio.session()).status()).isEqualTo(200);

            byte[] videoPacket = publisher.sendRtp(0, 1, 3000, 400);
            byte[] audioPacket = publisher.sendRtp(1, 1, 1024, 200);

            var first = client.readFrame();
            var second = client.readFrame();
            assertThat(first.channel()).isEqualTo(20);
            assertThat(first.payload()).isEqualTo(videoPacket);
            assertThat(second.channel()).isEqualTo(10);
            assertThat(second.payload()).isEqualTo(audioPacket);
        }
    }

    @Test
    void missingPathHandlerCanStartThePublisherADescribeIsWaitingFor() throws IOException {
        List<RawPublisher> started = new ArrayList<>();
        server.setMissingPathHandler(path -> {
            // As a replay would: start publishing in the background and return at once.
            var thread = new Thread(() -> {
                try {
                    started.add(RawPublisher.start(port, path));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            thread.start();
            return true;
        });
        try (var client = RawRtspClient.connect(port)) {
            var describe = client.request("DESCRIBE", client.url("/finished-task"));

            assertThat(describe.status()).isEqualTo(200);
            assertThat(describe.body()).contains("m=video 0 RTP/AVP 96");
            assertThat(server.isLive("/finished-task")).isTrue();
        } finally {
            for (RawPublisher publisher : started) {
                publisher.close();
            }
        }
    }

    @Test
    void connectionsWithoutSignOfLifeAreClosedAfterTheSessionTimeout() throws IOException {
        start(RtspServerSettings.loopbackEphemeral().withSessionTimeout(Duration.ofSeconds(1)));
        try (var publisher = RawPublisher.start(port, PATH);
                var tcpReader = RawReader.playTcp(port, PATH, 0);
                var udpReader = RawRtspClient.connect(port);
                var idle = RawRtspClient.connect(port)) {
            var setup = udpReader.request("SETUP", udpReader.url(PATH + "/trackID=0"),
                    "Transport: RTP/AVP;unicast;client_port=50000-50001");
            assertThat(udpReader.request("PLAY", udpReader.url(PATH), "Session: " + setup.session()).status())
                    .isEqualTo(200);
            assertThat(idle.request("OPTIONS", "*").status()).isEqualTo(200);

            // Neither sends anything for a session timeout: a UDP reader must send keep-alives or RTCP.
            assertThat(idle.closedByServer()).isTrue();
            assertThat(udpReader.closedByServer()).isTrue();

            // A recording publisher and a TCP reader are alive as long as their connections are.
            assertThat(server.isLive(PATH)).isTrue();
            byte[] packet = publisher.sendRtp(5, 500, 100);
            assertThat(tcpReader.readFrame().payload()).isEqualTo(packet);
            assertThat(server.statistics().readers()).isEqualTo(1);
        }
    }

    /** Sequence numbers a reader receives, up to the first one at or past {@code lastSequence}. */
    private static List<Integer> readUntil(RawReader reader, int lastSequence) throws IOException {
        List<Integer> sequences = new ArrayList<>();
        while (true) {
            byte[] packet = reader.readFrame().payload();
            int sequence = ((packet[2] & 0xFF) << 8) | (packet[3] & 0xFF);
            int unwrapped = sequences.isEmpty() ? sequence : unwrap(sequences.get(sequences.size() - 1), sequence);
            sequences.add(unwrapped);
            if (unwrapped >= lastSequence) {
                return sequences;
            }
        }
    }

    /** RTP sequence numbers are 16 bits; the test sends more than 65536 / 2 only once, in order. */
    private static int unwrap(int previous, int sequence) {
        int candidate = (previous & ~0xFFFF) | sequence;
        return candidate < previous ? candidate + 0x10000 : candidate;
    }

    private static DatagramPacket receive(DatagramSocket socket) throws IOException {
        var packet = new DatagramPacket(new byte[2048], 2048);
        socket.receive(packet);
        return packet;
    }
}
