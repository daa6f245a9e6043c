package io.stride.rtsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server that requires a key, on raw sockets: who gets {@code 401}, and that a key in the query or as the Basic
 * password authorises exactly one control connection, for readers and publishers alike.
 */
class RtspAccessTest {

    /** With characters that need encoding, as a generated key may have. */
    private static final String KEY = "s3cr+t/k\u00e9y 1";
    /** As the backend writes the key into stream_url. */
    private static final String KEY_QUERY = "api_key="
            + URLEncoder.encode(KEY, StandardCharsets.UTF_8).replace("+", "%20");
    private static final String TRANSPORT = "Transport: RTP/AVP/TCP;unicast;interleaved=0-1";
    private static final Duration PUBLISHER_WAIT = Duration.ofMillis(300);
    private static final int NO_FRAME_WAIT_MILLIS = 300;

    @RegisterExtension
    static final TaskIdServer server =
            new TaskIdServer(PUBLISHER_WAIT, StreamAccess.requiring((path, key) -> KEY.equals(key), KEY::equals));

    private String path;

    @BeforeEach
    void newPath() {
        path = TaskIdServer.newPath();
    }

    private static String basic(String user, String password) {
        return "Authorization: Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readerWithoutTheKeyGets401WithABasicChallengeAndNeverAStream() throws IOException {
        try (var publisher = RawPublisher.startWithQuery(server.port(), path, KEY_QUERY);
                var client = RawRtspClient.connect(server.port())) {
            assertThat(client.request("OPTIONS", client.url(path)).status()).isEqualTo(200);

            var describe = client.request("DESCRIBE", client.url(path), "Accept: application/sdp");
            var setup = client.request("SETUP", client.url(path + "/trackID=0"), TRANSPORT);
            var play = client.request("PLAY", client.url(path), "Range: npt=0.000-");
            publisher.sendRtp(1, 3600, 100);

            assertThat(describe.status()).isEqualTo(401);
            assertThat(describe.header("WWW-Authenticate")).isEqualTo("Basic realm=\"stride\"");
            assertThat(describe.body()).isEmpty();
            assertThat(setup.status()).isEqualTo(401);
            assertThat(setup.session()).isNull();
            assertThat(play.status()).isEqualTo(401);
            assertThat(client.readFrameWithin(NO_FRAME_WAIT_MILLIS)).isNull();
            assertThat(server.statistics().readers()).isZero();
        }
    }

    @Test
    void unauthorisedDescribeOfAPathNobodyPublishesStartsNoPublisher() throws IOException {
        try (var client = RawRtspClient.connect(server.port())) {
            assertThat(client.request("DESCRIBE", client.url(path)).status()).isEqualTo(401);
        }
        assertThat(server.missingPathsAsked()).doesNotContain(path);
    }

    @Test
    void wrongKeyInTheQueryOrAsBasicPasswordGets401() throws IOException {
        try (var publisher = RawPublisher.startWithQuery(server.port(), path, KEY_QUERY);
                var client = RawRtspClient.connect(server.port())) {
            String wrongCase = "api_key=" + URLEncoder.encode(KEY.toUpperCase(), StandardCharsets.UTF_8);
            assertThat(client.request("DESCRIBE", client.url(path) + "?api_key=wrong").status()).isEqualTo(401);
            assertThat(client.request("DESCRIBE", client.url(path) + "?" + wrongCase).status()).isEqualTo(401);
            assertThat(client.request("DESCRIBE", client.url(path) + "?api_key=").status()).isEqualTo(401);
            assertThat(client.request("DESCRIBE", client.url(path) + "?key=" + KEY_QUERY.substring(8)).status())
                    .as("the key under another name").isEqualTo(401);
            assertThat(client.request("DESCRIBE", client.url(path), basic("stride", "wrong")).status())
                    .isEqualTo(401);
            assertThat(client.request("DESCRIBE", client.url(path), basic(KEY, "")).status())
                    .as("the key as user name").isEqualTo(401);
        }
    }

    @Test
    void keyInTheQueryAuthorisesTheConnectionForTheTrackUrlsOfItsContentBase() throws IOException {
        try (var publisher = RawPublisher.startWithQuery(server.port(), path, KEY_QUERY);
                var client = RawRtspClient.connect(server.port())) {
            var describe = client.request("DESCRIBE", client.url(path) + "?" + KEY_QUERY, "Accept: application/sdp");
            assertThat(describe.status()).isEqualTo(200);
            // No query in what the player builds its SETUP and PLAY URLs from: the connection is authorised.
            assertThat(describe.header("Content-Base")).isEqualTo(client.url(path) + "/");

            var setup = client.request("SETUP", describe.header("Content-Base") + "trackID=0", TRANSPORT);
            assertThat(setup.status()).isEqualTo(200);
            var play = client.request("PLAY", describe.header("Content-Base"), "Session: " + setup.session());
            assertThat(play.status()).isEqualTo(200);

            byte[] sent = publisher.sendRtp(7, 25_200, 300);
            var frame = client.readFrame();
            assertThat(frame.channel()).isZero();
            assertThat(frame.payload()).isEqualTo(sent);
        }
    }

    @Test
    void basicCredentialsWithTheKeyAsPasswordAuthoriseAfterTheChallenge() throws IOException {
        try (var publisher = RawPublisher.startWithQuery(server.port(), path, KEY_QUERY);
                var client = RawRtspClient.connect(server.port())) {
            assertThat(client.request("DESCRIBE", client.url(path)).status()).isEqualTo(401);
            var describe = client.request("DESCRIBE", client.url(path), basic("stride", KEY));
            assertThat(describe.status()).isEqualTo(200);

            var setup = client.request("SETUP", describe.header("Content-Base") + "trackID=0", TRANSPORT);
            var play = client.request("PLAY", describe.header("Content-Base"), "Session: " + setup.session());
            assertThat(play.status()).isEqualTo(200);
            byte[] sent = publisher.sendRtp(8, 28_800, 120);
            assertThat(client.readFrame().payload()).isEqualTo(sent);
        }
    }

    @Test
    void aKeyAuthorisesOnlyTheConnectionThatPresentedIt() throws IOException {
        try (var publisher = RawPublisher.startWithQuery(server.port(), path, KEY_QUERY);
                var authorised = RawRtspClient.connect(server.port());
                var other = RawRtspClient.connect(server.port())) {
            assertThat(authorised.request("DESCRIBE", authorised.url(path) + "?" + KEY_QUERY).status())
                    .isEqualTo(200);

            assertThat(other.request("DESCRIBE", other.url(path)).status()).isEqualTo(401);
            assertThat(authorised.request("DESCRIBE", authorised.url(path)).status()).isEqualTo(200);
        }
    }

    @Test
    void publisherWithoutTheKeyIsRefusedAndWithItInFfmpegsUrlFormItGoesLive() throws IOException {
        assertThatThrownBy(() -> RawPublisher.start(server.port(), path))
                .isInstanceOfSatisfying(RawPublisher.RefusedException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> RawPublisher.startWithQuery(server.port(), path, "api_key=wrong"))
                .isInstanceOfSatisfying(RawPublisher.RefusedException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThat(server.isLive(path)).isFalse();

        // SETUP <path>?api_key=…/streamid=0, as FFmpeg's muxer sends it, names the announced track.
        try (var publisher = RawPublisher.startWithQuery(server.port(), path, KEY_QUERY)) {
            assertThat(server.isLive(path)).isTrue();
        }
    }

    @Test
    void theKeyIsCheckedBeforeThePathAndPathsAreStillValidated() throws IOException {
        try (var client = RawRtspClient.connect(server.port())) {
            assertThat(client.request("DESCRIBE", client.url("/not-a-task")).status()).isEqualTo(401);
            assertThat(client.request("DESCRIBE", client.url("/not-a-task") + "?" + KEY_QUERY).status())
                    .isEqualTo(400);
        }
    }

    @Test
    void withoutAConfiguredKeyQueriesAndCredentialsChangeNothing() throws IOException {
        try (var open = new RtspServer(RtspServerSettings.loopbackEphemeral(), TaskIdServer.TASK_IDS)) {
            open.start();
            try (var publisher = RawPublisher.startWithQuery(open.port(), path, "api_key=anything");
                    var client = RawRtspClient.connect(open.port())) {
                var plain = client.request("DESCRIBE", client.url(path));
                var withQuery = client.request("DESCRIBE", client.url(path) + "?api_key=other", basic("a", "b"));

                assertThat(plain.status()).isEqualTo(200);
                assertThat(withQuery.status()).isEqualTo(200);
                assertThat(withQuery.header("Content-Base")).isEqualTo(client.url(path) + "/");
                assertThat(withQuery.body()).isEqualTo(plain.body());
            }
        }
    }
}
