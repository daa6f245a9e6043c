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
                OptionalInt.empty(), ""));
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
        assertThatThrownBy(() -> RequestUri.parse("rtsp://host/cam?api_key=s3cret%A"))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("s3cret");
    }

    @Test
    void ffmpegTrackUrlAfterAQueryHasTheTrackInItsPathAndTheQueryWithoutIt() {
        // What FFmpeg 8.0 sends after being given rtsp://127.0.0.1:8554/3f2a?api_key=k: its SETUP to the
        // publisher's control "streamid=0" and, for a server without Content-Base, a reader's "trackID=0".
        var publisherSetup = RequestUri.parse("rtsp://127.0.0.1:8554/3f2a?api_key=k/streamid=0");
        var readerSetup = RequestUri.parse("rtsp://127.0.0.1:8554/3f2a?api_key=k/trackID=1");

        assertThat(publisherSetup).isEqualTo(new RequestUri("rtsp://127.0.0.1:8554", "/3f2a/streamid=0",
                "/3f2a/streamid=0", OptionalInt.empty(), "api_key=k"));
        assertThat(readerSetup).isEqualTo(new RequestUri("rtsp://127.0.0.1:8554", "/3f2a/trackID=1", "/3f2a",
                OptionalInt.of(1), "api_key=k"));
        assertThat(RequestUri.parse("rtsp://host/3f2a/?api_key=k/streamid=0").path()).isEqualTo("/3f2a/streamid=0");
        assertThat(RequestUri.parse("rtsp://host/?api_key=k/streamid=0").path()).isEqualTo("/streamid=0");
    }

    @Test
    void queryAfterTheTrackLeavesTheTrackAlone() {
        var uri = RequestUri.parse("rtsp://host/3f2a/trackID=0?api_key=k");

        assertThat(uri.stream()).isEqualTo("/3f2a");
        assertThat(uri.trackId()).hasValue(0);
        assertThat(uri.queryParameter("api_key")).hasValue("k");
        assertThat(uri.contentBase()).isEqualTo("rtsp://host/3f2a/");
    }

    @Test
    void queryParameterIsPercentDecodedAndAPlusStaysAPlus() {
        // As the backend writes a key into stream_url: URLEncoder, with %20 for a space.
        var uri = RequestUri.parse("rtsp://host/cam?x=1&api_key=a%20b+c%2Fd%C3%A9&api_key=second");

        assertThat(uri.query()).isEqualTo("x=1&api_key=a%20b+c%2Fd%C3%A9&api_key=second");
        assertThat(uri.queryParameter("api_key")).hasValue("a b+c/d\u00e9");
        assertThat(uri.queryParameter("x")).hasValue("1");
        assertThat(uri.queryParameter("missing")).isEmpty();
        assertThat(RequestUri.parse("rtsp://host/cam?api_key").queryParameter("api_key")).hasValue("");
        assertThat(RequestUri.parse("rtsp://host/cam").queryParameter("api_key")).isEmpty();
    }

    @Test
    void userInformationIsNotPartOfTheBase() {
        var uri = RequestUri.parse("rtsp://stride:s3cret@10.0.0.5:8554/cam");

        assertThat(uri.base()).isEqualTo("rtsp://10.0.0.5:8554");
        assertThat(uri.contentBase()).isEqualTo("rtsp://10.0.0.5:8554/cam/");
    }

    @Test
    void redactedMasksQueriesAndUserInformationOnly() {
        assertThat(RequestUri.redacted("rtsp://h:8554/3f2a?api_key=k/streamid=0"))
                .isEqualTo("rtsp://h:8554/3f2a?****/streamid=0");
        assertThat(RequestUri.redacted("rtsp://stride:k@h/3f2a")).isEqualTo("rtsp://****@h/3f2a");
        assertThat(RequestUri.redacted("rtsp://h/3f2a/trackID=0")).isEqualTo("rtsp://h/3f2a/trackID=0");
        assertThat(RequestUri.redacted("*")).isEqualTo("*");
    }
}
