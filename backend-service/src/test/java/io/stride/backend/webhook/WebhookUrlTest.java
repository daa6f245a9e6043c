package io.stride.backend.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebhookUrlTest {

    @Test
    void keepsTheUrlAndShowsOnlyItsSchemeHostAndPort() {
        WebhookUrl url = WebhookUrl.parse("https://hooks.example.org:8443/in/s3cr3t?token=abc");
        assertThat(url.text()).isEqualTo("https://hooks.example.org:8443/in/s3cr3t?token=abc");
        assertThat(url.host()).isEqualTo("hooks.example.org");
        assertThat(url.masked()).isEqualTo("https://hooks.example.org:8443/…");
        assertThat(url.toString()).doesNotContain("s3cr3t").doesNotContain("abc");
        assertThat(WebhookUrl.parse("http://[2001:db8::1]/x").host()).isEqualTo("2001:db8::1");
    }

    @Test
    void refusesWhatIsNotAnAbsoluteHttpUrlWithAHost() {
        assertRefused("ftp://example.org/x", "expected an absolute https:// or http:// URL");
        assertRefused("/relative/path", "expected an absolute https:// or http:// URL");
        assertRefused("https://user:pass@example.org/x", "a URL with user-info (user:password@) is refused; put a "
                + "credential in the path or query, and verify the X-Stride-Signature header");
        assertRefused("https:///x", "the URL has no host");
        assertRefused("https://exa mple.org/", "not a URL: Illegal character in authority");
        assertRefused("https://example.org/" + "a".repeat(2048), "longer than 2048 characters");
    }

    private static void assertRefused(String text, String problem) {
        assertThatThrownBy(() -> WebhookUrl.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(problem);
    }
}
