package io.stride.rtsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RequestUriTest {

    @Test
    void streamUrl() {
        var uri = RequestUri.parse("rtsp://localhost:8554/3f2a-task");

        assertThat(uri).isEqualTo(new RequestUri("rtsp://localhost:8554", "/3f2a-task", "/3f2a-task",
                OptionalInt.empty()));
        assertThat(uri.contentBase()).isEqualTo("rtsp://localhost:8554/3f2a-task/");
    }

    @Test
    void trackUrlNamesTheStreamAndTheTrack() {
        var uri = RequestUri.parse("rtsp://10.0.0.5:8554/live/cam/trackID=12");

        assertThat(uri.stream()).isEqualTo("/live/cam");
        assertThat(uri.path()).isEqualTo("/live/cam/trackID=12");
        assertThat(uri.trackId()).hasValue(12);
        assertThat(uri.contentBase()).isEqualTo("rtsp://10.0.0.5:8554/live/cam/");
    }

    @Test
    void aggregateUrlWithTrailingSlashAndQueryIsTheStream() {
        var uri = RequestUri.parse("rtsp://host/cam/?token=abc");

        assertThat(uri.path()).isEqualTo("/cam");
        assertThat(uri.stream()).isEqualTo("/cam");
        assertThat(uri.trackId()).isEmpty();
    }

    @Test
    void segmentThatOnlyLooksLikeATrackIsPartOfThePath() {
        assertThat(RequestUri.parse("rtsp://host/cam/trackID=").trackId()).isEmpty();
        assertThat(RequestUri.parse("rtsp://host/cam/trackID=x1").stream()).isEqualTo("/cam/trackID=x1");
    }

    @Test
    void pathOnlyRequestUrlAndServerRoot() {
        assertThat(RequestUri.parse("/cam").base()).isEmpty();
        assertThat(RequestUri.parse("/cam").stream()).isEqualTo("/cam");
        assertThat(RequestUri.parse("rtsp://host:8554").path()).isEqualTo("/");
    }

    @Test
    void rejectsOtherSchemesAndMalformedUrls() {
        assertThatThrownBy(() -> RequestUri.parse("http://host/cam")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestUri.parse("rtsp://host/a b")).isInstanceOf(IllegalArgumentException.class);
    }
}
