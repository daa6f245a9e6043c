package io.stride.backend.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void isTheHmacSha256OfTheBodyInHexAsRfc4231Gives() {
        byte[] key = new byte[20];
        Arrays.fill(key, (byte) 0x0b);

        // RFC 4231, test case 1.
        assertThat(new WebhookSignature(key).of("Hi There".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("sha256=b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    }

    @Test
    void refusesAShortSecret() {
        assertThatThrownBy(() -> new WebhookSignature(new byte[15])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the webhook secret must have at least 16 bytes, has 15");
    }
}
