package io.stride.rtsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SessionDescriptionTest {

    /** What FFmpeg's rtsp muxer announces for H.264 plus AAC (LF line ends, as some publishers send). */
    private static final String FFMPEG_SDP = ffmpegSdp("\n", "streamid");

    /** FFmpeg's description with the given line ends and track controls {@code <controlName>=0} and {@code =1}. */
    private static String ffmpegSdp(String lineEnd, String controlName) {
        return String.join(lineEnd,
                "v=0",
                "o=- 0 0 IN IP4 127.0.0.1",
                "s=No Name",
                "c=IN IP4 127.0.0.1",
                "t=0 0",
                "a=tool:libavformat 62.3.100",
                "m=video 0 RTP/AVP 96",
                "b=AS:400",
                "a=rtpmap:96 H264/90000",
                "a=fmtp:96 packetization-mode=1; sprop-parameter-sets=Z0LAHtkBQfsBEAAAAwAQAAADAyDxYuSA,aMuMsg==",
                "a=control:" + controlName + "=0",
                "m=audio 0 RTP/AVP 97",
                "a=rtpmap:97 MPEG4-GENERIC/44100/2",
                "a=control:" + controlName + "=1",
                "");
    }

    @Test
    void findsTracksAndTheirControls() {
        var description = SessionDescription.parse(FFMPEG_SDP);

        assertThat(description.trackCount()).isEqualTo(2);
        assertThat(description.control(0)).contains("streamid=0");
        assertThat(description.control(1)).contains("streamid=1");
    }

    @Test
    void readersGetTheSameMediaWithTrackIdControlsAndCrlfLines() {
        String forReaders = SessionDescription.parse(FFMPEG_SDP).forReaders();

        assertThat(forReaders).isEqualTo(ffmpegSdp("\r\n", "trackID"));
    }

    @Test
    void dropsTheSessionLevelControlAndAddsMissingTrackControls() {
        var description = SessionDescription.parse("v=0\r\ns=x\r\na=control:*\r\nm=video 0 RTP/AVP 96\r\n");

        assertThat(description.control(0)).isEmpty();
        assertThat(description.forReaders()).isEqualTo("v=0\r\ns=x\r\nm=video 0 RTP/AVP 96\r\na=control:trackID=0\r\n");
    }

    @Test
    void rejectsTextThatIsNotSdpOrHasNoMedia() {
        assertThatThrownBy(() -> SessionDescription.parse("hello")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionDescription.parse("s=x\r\nv=0\r\nm=video 0 RTP/AVP 96"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionDescription.parse("v=0\r\ns=no media\r\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
