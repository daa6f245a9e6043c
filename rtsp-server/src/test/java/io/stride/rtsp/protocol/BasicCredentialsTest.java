package io.stride.rtsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void userAndPasswordOfABasicHeader() {
        // What FFmpeg sends for rtsp://stride:s3cret@host/... after a Basic challenge.
        assertThat(BasicCredentials.parse("Basic c3RyaWRlOnMzY3JldA=="))
                .contains(new BasicCredentials("stride", "s3cret"));
        assertThat(BasicCredentials.parse(basic(":k:with:colons \u00e9")))
                .contains(new BasicCredentials("", "k:with:colons \u00e9"));
        assertThat(BasicCredentials.parse("bAsIc   " + basic("u:p").substring(6) + " "))
                .contains(new BasicCredentials("u", "p"));
    }

    @Test
    void nothingForOtherSchemesOrMalformedCredentials() {
        assertThat(BasicCredentials.parse(null)).isEmpty();
        assertThat(BasicCredentials.parse("Basic")).isEmpty();
        assertThat(BasicCredentials.parse("Digest username=\"u\", response=\"x\"")).isEmpty();
        assertThat(BasicCredentials.parse("Basic not*base64")).isEmpty();
        assertThat(BasicCredentials.parse(basic("no colon"))).isEmpty();
    }

    @Test
    void toStringHidesThePassword() {
        assertThat(new BasicCredentials("stride", "s3cret").toString()).doesNotContain("s3cret");
    }
}
