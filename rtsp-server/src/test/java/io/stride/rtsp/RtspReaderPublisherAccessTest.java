package io.stride.rtsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Readers and publishers told apart, as the annotation service wires it: a reader's token opens its own path only,
 * publishing takes the process's {@link PublisherSecret}, and the operator key still does both. On raw sockets,
 * then with FFmpeg on both ends.
 */
class RtspReaderPublisherAccessTest {

    private static final String OPERATOR_KEY = "operator-key";
    private static final PublisherSecret SECRET = PublisherSecret.random();
    private static final String TCP_TRANSPORT = "Transport: RTP/AVP/TCP;unicast;interleaved=0-1";

    private static RtspServer server;
    private static int port;

    private String path;
    private String otherPath;

    /** A reader token that opens one path: what the annotation service will hand out per task. */
    private static String readerToken(String path) {
        return "reads" + path.replace("/", "-");
    }

    @BeforeAll
    static void startServer() throws IOException {
        var access = StreamAccess.requiring(
                (path, credential) -> credential.equals(OPERATOR_KEY) || credential.equals(readerToken(path)),
                SECRET.or(OPERATOR_KEY::equals));
        server = new RtspServer(RtspServerSettings.loopbackEphemeral(), PathValidator.ANY, access);
        server.start();
        port = server.port();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void newPaths() {
        path = "/" + UUID.randomUUID();
        otherPath = "/" + UUID.randomUUID();
    }

    private static String token(String credential) {
        return "token=" + credential;
    }

    private static String basic(String password) {
        return "Authorization: Basic "
                + Base64.getEncoder().encodeToString(("viewer:" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aReaderTokenOpensItsOwnPathAndNoOther() throws IOException {
        try (var publisher = RawPublisher.startWithQuery(port, path, token(SECRET.value()));
                var other = RawPublisher.startWithQuery(port, otherPath, token(SECRET.value()));
                var reader = RawRtspClient.connect(port);
                var stranger = RawRtspClient.connect(port)) {
            var describe = reader.request("DESCRIBE", reader.url(path) + "?" + token(readerToken(path)));
            assertThat(describe.status()).isEqualTo(200);
            // The track URL from Content-Base carries no token: the connection remembers it.
            var setup = reader.request("SETUP", describe.header("Content-Base") + "trackID=0", TCP_TRANSPORT);
            assertThat(setup.status()).isEqualTo(200);
            assertThat(reader.request("PLAY", describe.header("Content-Base"), "Session: " + setup.session())
                    .status()).isEqualTo(200);
            byte[] sent = publisher.sendRtp(3, 900, 80);
            assertThat(reader.readFrame().payload()).isEqualTo(sent);

            assertThat(reader.request("DESCRIBE", reader.url(otherPath)).status()).as("remembered, for its path only")
                    .isEqualTo(401);
            assertThat(stranger.request("DESCRIBE", stranger.url(otherPath) + "?" + token(readerToken(path))).status())
                    .isEqualTo(401);
            assertThat(stranger.request("SETUP", stranger.url(otherPath + "/trackID=0"), TCP_TRANSPORT).status())
                    .isEqualTo(401);
            assertThat(stranger.request("DESCRIBE", stranger.url(otherPath), basic(readerToken(path))).status())
                    .isEqualTo(401);
        }
    }

    @Test
    void aReaderCredentialOnAnnounceGets403AndNoCredentialGets401() throws IOException {
        assertRefused(() -> RawPublisher.startWithQuery(port, path, token(readerToken(path))), 403);
        assertRefused(() -> RawPublisher.start(port, path), 401);
        assertRefused(() -> RawPublisher.startWithQuery(port, path, token(readerToken(otherPath))), 401);
        try (var client = RawRtspClient.connect(port)) {
            var announce = client.requestWithBody("ANNOUNCE", client.url(path), "application/sdp", RawPublisher.SDP,
                    basic(readerToken(path)));
            assertThat(announce.status()).isEqualTo(403);
        }
        assertThat(server.isLive(path)).isFalse();
    }

    @Test
    void aReaderCannotSetUpToRecordNorRecord() throws IOException {
        try (var publisher = RawPublisher.startWithQuery(port, path, token(SECRET.value()));
                var reader = RawRtspClient.connect(port)) {
            var describe = reader.request("DESCRIBE", reader.url(path) + "?" + token(readerToken(path)));
            String base = describe.header("Content-Base");
            var setupToRecord = reader.request("SETUP", base + "streamid=0",
                    "Transport: RTP/AVP/TCP;unicast;interleaved=0-1;mode=record");
            assertThat(setupToRecord.status()).isEqualTo(403);

            var setup = reader.request("SETUP", base + "trackID=0", TCP_TRANSPORT);
            assertThat(reader.request("RECORD", base, "Session: " + setup.session()).status()).isEqualTo(403);
        }
    }

    @Test
    void thePublisherSecretPublishesInTheQueryOrAsBasicPasswordAndReadsNothing() throws IOException {
        try (var publisher = RawPublisher.startWithQuery(port, path, token(SECRET.value()))) {
            assertThat(server.isLive(path)).isTrue();
        }
        try (var client = RawRtspClient.connect(port)) {
            var announce = client.requestWithBody("ANNOUNCE", client.url(otherPath), "application/sdp",
                    RawPublisher.SDP, basic(SECRET.value()));
            assertThat(announce.status()).isEqualTo(200);
            assertThat(client.request("DESCRIBE", client.url(otherPath)).status()).isEqualTo(401);
        }
    }

    @Test
    void theOperatorKeyStillReadsAndPublishesAsApiKey() throws IOException {
        try (var publisher = RawPublisher.startWithQuery(port, path, "api_key=" + OPERATOR_KEY);
                var client = RawRtspClient.connect(port)) {
            assertThat(server.isLive(path)).isTrue();
            assertThat(client.request("DESCRIBE", client.url(path) + "?api_key=" + OPERATOR_KEY).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void aPathThatHasAPublisherCannotBeClaimedByAnotherEvenWithTheSecret() throws IOException {
        try (var first = RawPublisher.startWithQuery(port, path, token(SECRET.value()));
                var announcedOnly = RawRtspClient.connect(port)) {
            assertRefused(() -> RawPublisher.startWithQuery(port, path, token(SECRET.value())), 403);

            var announce = announcedOnly.requestWithBody("ANNOUNCE", announcedOnly.url(otherPath) + "?"
                    + token(SECRET.value()), "application/sdp", RawPublisher.SDP);
            assertThat(announce.status()).isEqualTo(200);
            assertRefused(() -> RawPublisher.startWithQuery(port, otherPath, token(SECRET.value())), 403);
        }
        // Once its publisher has left, a path can be published again.
        org.awaitility.Awaitility.await().until(() -> !server.isLive(path));
        try (var again = RawPublisher.startWithQuery(port, path, token(SECRET.value()))) {
            assertThat(server.isLive(path)).isTrue();
        }
    }

    @Test
    void openForReadingLetsAnyoneWatchButPublishingStillNeedsTheSecret() throws IOException {
        try (var openReading = new RtspServer(RtspServerSettings.loopbackEphemeral(), PathValidator.ANY,
                StreamAccess.openForReading(SECRET))) {
            openReading.start();
            assertRefused(() -> RawPublisher.start(openReading.port(), path), 403);
            try (var publisher = RawPublisher.startWithQuery(openReading.port(), path, token(SECRET.value()));
                    var viewer = RawRtspClient.connect(openReading.port())) {
                assertThat(viewer.request("DESCRIBE", viewer.url(path)).status()).isEqualTo(200);
            }
        }
    }

    @Test
    void ffmpegPublishesWithTheSecretAndAPlayerWithItsPathTokenDecodesButCannotPublishWithIt() throws Exception {
        String url = "rtsp://127.0.0.1:" + port + path;
        try (var publisher = SyntheticVideoPublisher.start(url + "?" + token(SECRET.value()))) {
            var player = new FFmpegFrameGrabber(url + "?" + token(readerToken(path)));
            player.setOption("rtsp_transport", "tcp");
            player.setOption("timeout", "5000000");
            try (player) {
                player.start();
                assertThat(player.grabImage().imageWidth).isEqualTo(SyntheticVideoPublisher.WIDTH);
            }
            String otherUrl = "rtsp://127.0.0.1:" + port + otherPath;
            assertThatThrownBy(() -> SyntheticVideoPublisher.start(otherUrl + "?" + token(readerToken(otherPath))))
                    .hasStackTraceContaining("error " + avutil.AVERROR_HTTP_FORBIDDEN());
            assertThat(server.isLive(otherPath)).isFalse();
        }
    }

    private interface Publishing {
        RawPublisher start() throws IOException;
    }

    private static void assertRefused(Publishing publishing, int status) {
        assertThatThrownBy(publishing::start).isInstanceOfSatisfying(RawPublisher.RefusedException.class,
                e -> assertThat(e.status()).isEqualTo(status));
    }
}
