package io.stride.annotation.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.core.security.AccessPolicy;
import io.stride.core.security.SecurityProperties;
import java.time.Clock;
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
        var urls = new PublishUrls(publishingTo("rtsp://localhost:8554/"), access("  "));

        assertThat(urls.of(TASK)).isEqualTo("rtsp://localhost:8554/" + TASK);
    }

    @Test
    void withAKeyItCarriesThePublisherCredentialNeverTheKey() {
        AccessPolicy access = access(" s3cret key+/\u00e9 ");
        var urls = new PublishUrls(publishingTo("rtsp://mediamtx:8554"), access);

        assertThat(urls.of(TASK)).isEqualTo("rtsp://mediamtx:8554/" + TASK + "?token="
                + access.publisherCredential().orElseThrow()).doesNotContain("s3cret");
    }

    @Test
    void redactedDropsTheQueryWhereverTheUrlIsQuoted() {
        String url = "rtsp://localhost:8554/" + TASK + "?api_key=s3cret";

        assertThat(PublishUrls.redacted(url)).isEqualTo("rtsp://localhost:8554/" + TASK);
        assertThat(PublishUrls.redacted("cannot start " + url + ": Server returned 401", url))
                .isEqualTo("cannot start rtsp://localhost:8554/" + TASK + ": Server returned 401");
        assertThat(PublishUrls.redacted(null, url)).isNull();
    }

    private static AccessPolicy access(String apiKey) {
        return AccessPolicy.of(new SecurityProperties(apiKey, "", Duration.ofHours(24)), Clock.systemUTC());
    }
}
