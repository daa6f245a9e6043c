package io.stride.annotation.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MjpegPartTest {

    @Test
    void aPartIsTheBoundaryItsHeadersTheImageAndALineBreak() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, 1, 2, (byte) 0xFF, (byte) 0xD9};

        byte[] part = MjpegPart.of(jpeg);

        String head = "--stride-frame\r\nContent-Type: image/jpeg\r\nContent-Length: 6\r\n\r\n";
        assertThat(new String(part, 0, head.length(), StandardCharsets.US_ASCII)).isEqualTo(head);
        assertThat(part).hasSize(head.length() + 6 + 2);
        assertThat(java.util.Arrays.copyOfRange(part, head.length(), head.length() + 6)).containsExactly(jpeg);
        assertThat(java.util.Arrays.copyOfRange(part, part.length - 2, part.length)).containsExactly('\r', '\n');
        assertThat(MjpegPart.CONTENT_TYPE).isEqualTo("multipart/x-mixed-replace;boundary=stride-frame");
    }
}
