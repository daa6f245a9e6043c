package io.stride.backend.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stride.backend.testing.Clips;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe opens files with the container allow-list: FFmpeg detects an HLS playlist only under a playlist's own
 * name (uploads are stored as {@code .mp4}, where it is not a video at all), and even then the allow-list refuses it
 * before the demuxer fetches anything it lists.
 */
class VideoProbeTest {

    @TempDir
    Path dir;

    @Test
    void aPlaylistUnderItsOwnNameIsRefusedByTheAllowList() throws Exception {
        Path playlist = Files.writeString(dir.resolve("list.m3u8"), "#EXTM3U\n#EXT-X-TARGETDURATION:10\n"
                + "#EXTINF:10.0,\nhttp://127.0.0.1:9/segment0.ts\n#EXT-X-ENDLIST\n");

        assertThatThrownBy(() -> VideoProbe.probe(playlist))
                .isInstanceOf(VideoProbe.UnreadableVideoException.class)
                .hasMessage("the container format 'hls' is not accepted: upload the video file itself, not a "
                        + "playlist, a list of files or a stream description");
    }

    @Test
    void anAcceptedVideoIsProbed() throws Exception {
        Path clip = Clips.write(dir.resolve("clip.mkv"), Clips.Encoding.of("matroska", "mpeg4", 64, 48), 3,
                i -> Clips.grey(64, 48, i));

        VideoInfo info = VideoProbe.probe(clip);

        assertThat(info.format()).isEqualTo("matroska,webm");
        assertThat(info.width()).isEqualTo(64);
        assertThat(info.height()).isEqualTo(48);
    }

    @Test
    void aDemuxerMatchesWhenAnyOfItsNamesIsAccepted() {
        assertThat(AcceptedFormats.isAccepted("mov,mp4,m4a,3gp,3g2,mj2")).isTrue();
        assertThat(AcceptedFormats.isAccepted("matroska,webm")).isTrue();
        assertThat(AcceptedFormats.isAccepted("mpegts")).isTrue();
        assertThat(AcceptedFormats.isAccepted("hls")).isFalse();
        assertThat(AcceptedFormats.isAccepted("concat")).isFalse();
        assertThat(AcceptedFormats.isAccepted("sdp")).isFalse();
        assertThat(AcceptedFormats.isAccepted("dash")).isFalse();
        assertThat(AcceptedFormats.isAccepted("image2")).isFalse();
    }
}
