package io.stride.rtsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RtspMessageFramerTest {

    private static final String OPTIONS = "OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n";
    /** A body that contains '$' and an empty line must not be mistaken for a frame or a header end. */
    private static final String SDP_BODY = "v=0\r\n\r\ns=$5 stream\r\n";
    private static final String ANNOUNCE = "ANNOUNCE rtsp://h/p RTSP/1.0\r\nCSeq: 2\r\ncontent-length: "
            + SDP_BODY.length() + "\r\n\r\n" + SDP_BODY;

    private final EmbeddedChannel channel = new EmbeddedChannel(new RtspMessageFramer());

    @Test
    void splitsMessagesAndInterleavedFramesSharingOneRead() {
        var input = new ByteArrayOutputStream();
        input.writeBytes(bytes(OPTIONS));
        input.writeBytes(new byte[] {'$', 3, 0, 4, 10, 20, 30, 40});
        input.writeBytes(bytes("\r\n" + ANNOUNCE));

        channel.writeInbound(Unpooled.wrappedBuffer(input.toByteArray()));

        assertText(channel.readInbound(), OPTIONS);
        InterleavedFrame frame = channel.readInbound();
        assertThat(frame.channel()).isEqualTo(3);
        assertThat(ByteBufUtil.getBytes(frame.content())).containsExactly(10, 20, 30, 40);
        frame.release();
        assertText(channel.readInbound(), ANNOUNCE);
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void waitsForWholeMessagesAndFramesArrivingByteByByte() {
        var input = new ByteArrayOutputStream();
        input.writeBytes(bytes(ANNOUNCE));
        input.writeBytes(new byte[] {'$', 0, 0, 3, 7, 8, 9});
        int outputs = 0;
        for (byte b : input.toByteArray()) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
            Object out;
            while ((out = channel.readInbound()) != null) {
                outputs++;
                if (outputs == 1) {
                    assertText(out, ANNOUNCE);
                } else {
                    assertThat(ByteBufUtil.getBytes(((InterleavedFrame) out).content())).containsExactly(7, 8, 9);
                    ((InterleavedFrame) out).release();
                }
            }
        }
        assertThat(outputs).isEqualTo(2);
    }

    @Test
    void binaryGarbageFailsAtOnceAndEverythingAfterIsDiscarded() {
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x16, 0x03, 0x01})))
                .isInstanceOf(CorruptedFrameException.class);

        channel.writeInbound(Unpooled.wrappedBuffer(bytes(OPTIONS)));
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void startLineWithoutThreePartsFails() {
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(bytes("HELLO THERE\r\n\r\n"))))
                .isInstanceOf(CorruptedFrameException.class);
    }

    @Test
    void headerLongerThanTheLimitFails() {
        String endless = "DESCRIBE rtsp://h/p RTSP/1.0\r\nX: " + "x".repeat(RtspMessageFramer.MAX_HEADER_BYTES);

        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(bytes(endless))))
                .isInstanceOf(TooLongFrameException.class);
    }

    @Test
    void bodyLargerThanTheLimitOrInvalidLengthFails() {
        String tooLarge = "ANNOUNCE rtsp://h/p RTSP/1.0\r\nContent-Length: " + (RtspMessageFramer.MAX_BODY_BYTES + 1)
                + "\r\n\r\n";
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(bytes(tooLarge))))
                .isInstanceOf(TooLongFrameException.class);

        var other = new EmbeddedChannel(new RtspMessageFramer());
        assertThatThrownBy(() -> other.writeInbound(Unpooled.wrappedBuffer(
                bytes("ANNOUNCE rtsp://h/p RTSP/1.0\r\nContent-Length: -1\r\n\r\n"))))
                .isInstanceOf(CorruptedFrameException.class);
    }

    @Test
    void encoderWritesDollarChannelLengthPayload() {
        var out = new EmbeddedChannel(new InterleavedFrameEncoder());
        byte[] payload = new byte[300];
        payload[299] = 42;

        out.writeOutbound(new InterleavedFrame(7, Unpooled.wrappedBuffer(payload)));

        ByteBuf header = out.readOutbound();
        ByteBuf body = out.readOutbound();
        assertThat(ByteBufUtil.getBytes(header)).containsExactly('$', 7, 1, 44);
        assertThat(ByteBufUtil.getBytes(body)).isEqualTo(payload);
        header.release();
        body.release();
    }

    private static void assertText(Object message, String expected) {
        ByteBuf buf = (ByteBuf) message;
        assertThat(buf.toString(StandardCharsets.ISO_8859_1)).isEqualTo(expected);
        buf.release();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
