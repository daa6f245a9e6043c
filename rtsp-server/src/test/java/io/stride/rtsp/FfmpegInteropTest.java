package io.stride.rtsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real clients on both ends: FFmpeg publishes H.264 through its {@code rtsp} muxer (as the annotation service
 * does) and FFmpeg reads it back over TCP and UDP (as ffplay does). Frames carry their index, so the tests check
 * not only that readers decode pictures of the right size and colour, but exactly which frames they get.
 */
class FfmpegInteropTest {

    /** Allowed difference per colour channel after yuv420p conversion and lossy encoding. */
    private static final int COLOUR_TOLERANCE = 20;
    private static final int FRAMES_PER_READ = 30;

    private static RtspServer server;
    private static SyntheticVideoPublisher publisher;
    private static String path;
    private static String url;

    @BeforeAll
    static void startPublishing() throws Exception {
        server = new RtspServer(RtspServerSettings.loopbackEphemeral());
        server.start();
        path = "/" + UUID.randomUUID();
        url = "rtsp://127.0.0.1:" + server.port() + path;
        publisher = SyntheticVideoPublisher.start(url);
    }

    @AfterAll
    static void stopPublishing() throws Exception {
        if (publisher != null) {
            publisher.close();
            assertThat(publisher.failure()).isNull();
        }
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "udp"})
    void readerDecodesFramesOfThePublishedSizeAndColours(String transport) throws Exception {
        try (var reader = open(transport)) {
            assertThat(reader.getImageWidth()).isEqualTo(SyntheticVideoPublisher.WIDTH);
            assertThat(reader.getImageHeight()).isEqualTo(SyntheticVideoPublisher.HEIGHT);
            List<Integer> indices = new ArrayList<>();
            for (int i = 0; i < FRAMES_PER_READ; i++) {
                Frame frame = reader.grabImage();
                assertPublishedPicture(frame);
                indices.add(SyntheticVideoPublisher.frameIndex(frame));
            }
            // Loopback UDP does not lose packets in practice, and TCP never does: every frame, in order.
            assertConsecutive(indices);
        }
    }

    @Test
    void readerJoinsMidStreamAtAKeyframeAndAnotherKeepsReadingWhenAThirdVanishes() throws Exception {
        try (var first = open("tcp")) {
            int firstStart = SyntheticVideoPublisher.frameIndex(first.grabImage());
            var vanishing = RawReader.playTcp(server.port(), path, 0);
            assertThat(vanishing.readFrame().payload()).isNotEmpty();

            int sentBeforeJoin = publisher.framesSent();
            try (var joining = open("udp")) {
                Frame joined = joining.grabImage();
                assertPublishedPicture(joined);
                int joinedAt = SyntheticVideoPublisher.frameIndex(joined);
                // Nothing published before PLAY reaches the joiner, and it can decode from a keyframe only.
                assertThat(joinedAt).isGreaterThanOrEqualTo(sentBeforeJoin);
                assertThat(joinedAt % SyntheticVideoPublisher.GOP).isZero();
                assertThat(server.statistics().readers()).isEqualTo(3);

                vanishing.client().abort();
                await().atMost(Duration.ofSeconds(5)).until(() -> server.statistics().readers() == 2);
                int sentAtVanish = publisher.framesSent();

                // Both remaining readers go on for another second of live stream past the vanishing.
                List<Integer> firstIndices = readUntil(first, sentAtVanish + SyntheticVideoPublisher.FPS);
                List<Integer> joinedIndices = readUntil(joining, sentAtVanish + SyntheticVideoPublisher.FPS);
                firstIndices.add(0, firstStart);
                assertConsecutive(firstIndices);
                assertThat(joinedIndices).isSorted().doesNotHaveDuplicates();
            }
        }
    }

    private static FFmpegFrameGrabber open(String transport) throws Exception {
        var grabber = new FFmpegFrameGrabber(url);
        grabber.setOption("rtsp_transport", transport);
        grabber.setOption("timeout", "5000000");
        grabber.start();
        return grabber;
    }

    private static List<Integer> readUntil(FFmpegFrameGrabber reader, int index) throws Exception {
        List<Integer> indices = new ArrayList<>();
        int last = -1;
        while (last < index) {
            Frame frame = reader.grabImage();
            assertPublishedPicture(frame);
            last = SyntheticVideoPublisher.frameIndex(frame);
            indices.add(last);
        }
        return indices;
    }

    private static void assertPublishedPicture(Frame frame) {
        assertThat(frame).isNotNull();
        assertThat(frame.imageWidth).isEqualTo(SyntheticVideoPublisher.WIDTH);
        assertThat(frame.imageHeight).isEqualTo(SyntheticVideoPublisher.HEIGHT);
        int[] bgr = SyntheticVideoPublisher.bgrAt(frame, SyntheticVideoPublisher.BACKGROUND_X,
                SyntheticVideoPublisher.BACKGROUND_Y);
        for (int c = 0; c < 3; c++) {
            assertThat(bgr[c]).isCloseTo(SyntheticVideoPublisher.BACKGROUND[c], within(COLOUR_TOLERANCE));
        }
    }

    private static void assertConsecutive(List<Integer> indices) {
        for (int i = 1; i < indices.size(); i++) {
            assertThat(indices.get(i)).as("frame after %d", indices.get(i - 1)).isEqualTo(indices.get(i - 1) + 1);
        }
    }
}
