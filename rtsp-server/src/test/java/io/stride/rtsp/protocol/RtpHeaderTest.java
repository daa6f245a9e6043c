package io.stride.rtsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class RtpHeaderTest {

    @Test
    void readsSequenceNumberAndTimestampOfAnRtpPacket() {
        byte[] packet = {(byte) 0x80, 96, (byte) 0xFF, (byte) 0xFE, (byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF,
                1, 2, 3, 4, 0x65};
        var buffer = Unpooled.wrappedBuffer(packet);

        assertThat(RtpHeader.isRtp(buffer)).isTrue();
        assertThat(RtpHeader.sequenceNumber(buffer)).isEqualTo(65534);
        assertThat(RtpHeader.timestamp(buffer)).isEqualTo(0xDEADBEEFL);
    }

    @Test
    void tooShortOrWrongVersionIsNotRtp() {
        assertThat(RtpHeader.isRtp(Unpooled.wrappedBuffer(new byte[11]))).isFalse();
        byte[] versionOne = new byte[12];
        versionOne[0] = 0x40;
        assertThat(RtpHeader.isRtp(Unpooled.wrappedBuffer(versionOne))).isFalse();
    }
}
