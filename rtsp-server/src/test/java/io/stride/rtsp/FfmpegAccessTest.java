package io.stride.rtsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server that requires a key, with FFmpeg on both ends as the annotation service and players use it: the key
 * in the URL's query ({@code ?api_key=}, the form the backend hands out) or as Basic credentials
 * ({@code rtsp://stride:<key>@…}); without it, FFmpeg reports {@code 401 Unauthorized} and gets no picture.
 */
class FfmpegAccessTest {

    private static final String KEY = "k3y";
    private static final int FRAMES_PER_READ = 10;

    private static RtspServer server;
    private static SyntheticVideoPublisher publisher;
    private static String url;

    @BeforeAll
    static void startPublishing() throws Exception {
        server = new RtspServer(RtspServerSettings.loopbackEphemeral(), PathValidator.ANY,
                StreamAccess.requiring((path, key) -> KEY.equals(key), KEY::equals));
        server.start();
        url = urlOf("/" + UUID.randomUUID());
        publisher = SyntheticVideoPublisher.start(url + "?api_key=" + KEY);
    }

    @AfterAll
    static void stopPublishing() throws Exception {
        if (publisher != null) {
            publisher.close();
            assertThat(publisher.failure()).isNull();
        }
        server.close();
    }

    private static String urlOf(String path) {
        return "rtsp://127.0.0.1:" + server.port() + path;
    }

    private static String withCredentials(String plainUrl, String password) {
        return plainUrl.replace("rtsp://", "rtsp://stride:" + password + "@");
    }

    @Test
    void playerWithTheKeyInTheQueryDecodesConsecutiveFrames() throws Exception {
        assertReadsFrames(url + "?api_key=" + KEY, "tcp");
    }

    @Test
    void playerWithTheKeyAsBasicPasswordDecodesConsecutiveFrames() throws Exception {
        assertReadsFrames(withCredentials(url, KEY), "udp");
    }

    @Test
    void playerWithoutOrWithAWrongKeyIsUnauthorised() {
        String unauthorised = "error " + avutil.AVERROR_HTTP_UNAUTHORIZED();
        for (String refused : new String[] {url, url + "?api_key=wrong", withCredentials(url, "wrong")}) {
            assertThatThrownBy(() -> open(refused, "tcp").close()).as(refused).hasMessageContaining(unauthorised);
        }
        assertThat(server.statistics().readers()).isZero();
    }

    @Test
    void publisherWithoutTheKeyIsRefusedAndWithBasicCredentialsGoesLive() throws Exception {
        String refusedPath = "/" + UUID.randomUUID();
        assertThatThrownBy(() -> SyntheticVideoPublisher.start(urlOf(refusedPath)))
                .hasStackTraceContaining("error " + avutil.AVERROR_HTTP_UNAUTHORIZED());
        assertThat(server.isLive(refusedPath)).isFalse();

        String basicPath = "/" + UUID.randomUUID();
        try (var withCredentials = SyntheticVideoPublisher.start(withCredentials(urlOf(basicPath), KEY))) {
            assertThat(server.isLive(basicPath)).isTrue();
        }
    }

    private static void assertReadsFrames(String readerUrl, String transport) throws Exception {
        try (var reader = open(readerUrl, transport)) {
            int previous = SyntheticVideoPublisher.frameIndex(reader.grabImage());
            for (int i = 1; i < FRAMES_PER_READ; i++) {
                Frame frame = reader.grabImage();
                assertThat(frame.imageWidth).isEqualTo(SyntheticVideoPublisher.WIDTH);
                int index = SyntheticVideoPublisher.frameIndex(frame);
                assertThat(index).isEqualTo(previous + 1);
                previous = index;
            }
        }
    }

    private static FFmpegFrameGrabber open(String readerUrl, String transport) throws Exception {
        var grabber = new FFmpegFrameGrabber(readerUrl);
        grabber.setOption("rtsp_transport", transport);
        grabber.setOption("timeout", "5000000");
        grabber.start();
        return grabber;
    }
}
