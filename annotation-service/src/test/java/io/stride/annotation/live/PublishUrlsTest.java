package io.stride.annotation.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.annotation.security.ApiKeyProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PublishUrlsTest {

    private static final String TASK = "6f1c2a4e-0b9d-4c1e-9a57-3d2f8e1b7c60";

    private static RtspProperties publishingTo(String url) {
        return new RtspProperties(true, url, 9000, true, Duration.ofSeconds(1),
                new RtspProperties.Embedded(true, 8554, "0.0.0.0", Duration.ofSeconds(5)));
    }

    @Test
    void withoutAKeyTheUrlIsTheTasksPath() {
        var urls = new PublishUrls(publishingTo("rtsp://localhost:8554/"), new ApiKeyProperties("  "));

        assertThat(urls.of(TASK)).isEqualTo("rtsp://localhost:8554/" + TASK);
    }

    @Test
    void withAKeyItIsTheQueryParameterEncodedAsTheBackendEncodesStreamUrl() {
        var urls = new PublishUrls(publishingTo("rtsp://mediamtx:8554"), new ApiKeyProperties(" s3cret key+/\u00e9 "));

        assertThat(urls.of(TASK)).isEqualTo("rtsp://mediamtx:8554/" + TASK + "?api_key=s3cret%20key%2B%2F%C3%A9");
    }

    @Test
    void redactedDropsTheQueryWhereverTheUrlIsQuoted() {
        String url = "rtsp://localhost:8554/" + TASK + "?api_key=s3cret";

        assertThat(PublishUrls.redacted(url)).isEqualTo("rtsp://localhost:8554/" + TASK);
        assertThat(PublishUrls.redacted("cannot start " + url + ": Server returned 401", url))
                .isEqualTo("cannot start rtsp://localhost:8554/" + TASK + ": Server returned 401");
        assertThat(PublishUrls.redacted(null, url)).isNull();
    }

    @Test
    void theEmbeddedServerIsOpenWithoutAKeyAndOtherwiseAcceptsOnlyIt() {
        var open = LiveStreamingConfiguration.streamAccess(new ApiKeyProperties(""));
        var keyed = LiveStreamingConfiguration.streamAccess(new ApiKeyProperties("s3cret"));

        assertThat(open.isOpen()).isTrue();
        assertThat(keyed.isOpen()).isFalse();
        assertThat(keyed.queryParameter()).isEqualTo("api_key");
        assertThat(keyed.accepts("s3cret")).isTrue();
        assertThat(keyed.accepts("s3cre")).isFalse();
    }
}
