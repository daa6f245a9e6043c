package io.stride.backend.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.backend.testing.Backend;
import io.stride.backend.testing.Clips;
import io.stride.backend.testing.RawFrames;
import io.stride.backend.testing.StagelessBackend;
import io.stride.core.frame.FrameRecord;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * What an upload may hold, refused before any task starts and with nothing stored: container formats that make
 * FFmpeg read other files or the network (415), and more video than the limits on frame rate, pixel rate and frame
 * count (422). A container that understates its frames fails its task once decoding passes the limit.
 */
class UploadContentTest {

    private static final int MAX_FRAMES = 100;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NOT_ACCEPTED = "' is not accepted: upload the video file itself, not a playlist, a "
            + "list of files or a stream description";

    @RegisterExtension
    static final StagelessBackend stageless = new StagelessBackend("--stride.upload.max-frames=" + MAX_FRAMES,
            "--stride.backend.max-tasks-in-flight=64");

    @TempDir
    static Path clips;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an HLS playlist of a segment on another host | '#EXTM3U\\n#EXT-X-VERSION:3\\n#EXT-X-TARGETDURATION:10\\n#EXT-X-MEDIA-SEQUENCE:0\\n#EXTINF:10.0,\\nhttp://127.0.0.1:9/segment0.ts\\n#EXT-X-ENDLIST\\n' | not a video file FFmpeg can read
            an ffconcat list of another upload         | 'ffconcat version 1.0\\nfile other-task.mp4\\n' | the container format 'concat{NOT_ACCEPTED}
            an SDP session that opens RTP sockets      | 'v=0\\r\\no=- 0 0 IN IP4 127.0.0.1\\r\\ns=x\\r\\nc=IN IP4 127.0.0.1\\r\\nt=0 0\\r\\nm=video 5004 RTP/AVP 96\\r\\na=rtpmap:96 H264/90000\\r\\n' | the container format 'sdp{NOT_ACCEPTED}
            """)
    void aFileThatRefersToOtherFilesOrTheNetworkIs415(String what, String content, String message) {
        HttpResponse<String> refused = stageless.client().upload("file", "clip.mp4", unescape(content)
                .getBytes(StandardCharsets.US_ASCII));

        assertRefused(refused, 415, message.replace("{NOT_ACCEPTED}", NOT_ACCEPTED));
    }

    @Test
    void aFrameRateOverTheLimitIs422() throws Exception {
        Path clip = Clips.write(clips.resolve("240fps.mp4"), new Clips.Encoding("mp4", "libx264", 64, 48, 240, 0), 4,
                i -> Clips.grey(64, 48, i));

        assertRefused(stageless.client().upload(clip), 422, "frame rate 240 fps exceeds the limit of 120 fps");
    }

    @Test
    void aStaticHourOf4kIsSmallOnDiskAnd422ForItsPixelRate() throws Exception {
        Path hour = StillVideos.write(clips.resolve("hour-4k.ivf"), 3840, 2160, 30, 30 * 3600, 30 * 3600);
        assertThat(Files.size(hour)).as("bytes on disk").isLessThan(2_000_000);

        assertRefused(stageless.client().upload(hour), 422,
                "pixel rate 248832000 pixels/s (3840x2160 at 30 fps) exceeds the limit of 124416000 pixels/s");
    }

    @Test
    void moreFramesThanTheLimitIs422() throws Exception {
        Path clip = Clips.write(clips.resolve("101.mp4"), Clips.Encoding.of("mp4", "mpeg4", 64, 48), MAX_FRAMES + 1,
                i -> Clips.grey(64, 48, i % 10));

        assertRefused(stageless.client().upload(clip), 422, "frame count 101 exceeds the limit of 100 frames");
    }

    @Test
    void aContainerThatUnderstatesItsFramesFailsItsTaskWhenDecodingPassesTheLimit() throws Exception {
        Path understated = StillVideos.write(clips.resolve("understated.ivf"), 64, 48, 10, 150, 5);

        String taskId = stageless.backend().upload(understated);

        JsonNode failed = stageless.backend().awaitStatus(taskId, "failed");
        assertThat(failed.path("error").asText()).isEqualTo("decoding failed: frame count exceeds the limit of 100 frames");
        assertThat(RawFrames.count(stageless.broker(), taskId)).as("frames published before the limit")
                .isEqualTo(MAX_FRAMES);
        stageless.backend().delete("/tasks/" + taskId);
    }

    @Test
    void aStillVideoDecodesEveryFrame() throws Exception {
        Path still = StillVideos.write(clips.resolve("still.ivf"), 64, 48, 10, 30, 30);

        String taskId = stageless.backend().upload(still);

        List<FrameRecord> records = RawFrames.untilEndOfStream(stageless.broker(), taskId, WAIT);
        assertThat(records.get(records.size() - 1).frameCount()).isEqualTo(30);
        stageless.backend().delete("/tasks/" + taskId);
    }

    private static void assertRefused(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(Backend.JSON.readTree(response.body()).path("message").asText()).isEqualTo(message);
        assertThat(stageless.backend().jobs()).as("nothing stored").isEmpty();
    }

    private static String unescape(String text) {
        return text.replace("\\n", "\n").replace("\\r", "\r");
    }
}
