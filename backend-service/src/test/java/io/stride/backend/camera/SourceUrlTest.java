package io.stride.backend.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SourceUrlTest {

    @Test
    void credentialsAreMaskedAndTheRestKept() {
        var url = SourceUrl.parse("rtsp://admin:s3cr@t@192.0.2.7:554/Streaming/Channels/101?transport=tcp");

        assertThat(url.masked()).isEqualTo("rtsp://***@192.0.2.7:554/Streaming/Channels/101?transport=tcp");
        assertThat(url.real()).isEqualTo("rtsp://admin:s3cr@t@192.0.2.7:554/Streaming/Channels/101?transport=tcp");
        assertThat(url.toString()).isEqualTo(url.masked());
    }

    @Test
    void aUrlWithoutCredentialsIsShownAsIs() {
        assertThat(SourceUrl.parse("https://cams.example/gate-2.mjpg").masked())
                .isEqualTo("https://cams.example/gate-2.mjpg");
        assertThat(SourceUrl.parse("rtsps://cam.example").masked()).isEqualTo("rtsps://cam.example");
    }

    @Test
    void messagesNamingTheUrlOrItsCredentialsAreMasked() {
        var url = SourceUrl.parse("rtsp://admin:hunter2@cam.local/live");

        assertThat(url.maskIn("avformat_open_input() error -1: Could not open input \"rtsp://admin:hunter2@cam.local/live\"."))
                .isEqualTo("avformat_open_input() error -1: Could not open input \"rtsp://***@cam.local/live\".");
        assertThat(url.maskIn("auth admin:hunter2 refused")).isEqualTo("auth *** refused");
    }

    @Test
    void otherSchemesMissingHostsAndSpacesAreRefusedWithoutEchoingTheUrl() {
        assertThatThrownBy(() -> SourceUrl.parse("file:///etc/passwd")).hasMessageContaining("rtsp://");
        assertThatThrownBy(() -> SourceUrl.parse("rtmp://user:pw@host/live")).hasMessageNotContaining("pw");
        assertThatThrownBy(() -> SourceUrl.parse("rtsp://user:pw@/live")).hasMessage("url has no host");
        assertThatThrownBy(() -> SourceUrl.parse("http://host/a b")).hasMessageContaining("spaces");
        assertThatThrownBy(() -> SourceUrl.parse("")).hasMessageContaining("missing");
        assertThatThrownBy(() -> SourceUrl.parse("rtsp://h/" + "a".repeat(SourceUrl.MAX_LENGTH)))
                .hasMessageContaining("longer than");
    }
}
