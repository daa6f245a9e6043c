package io.stride.rtsp.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One RTP or RTCP packet carried on the RTSP connection itself (RFC 2326 §10.12): {@code $}, a channel byte,
 * a 16-bit length, then the packet. The channel numbers are the ones agreed in {@code Transport: interleaved=}.
 * Holds its payload by reference count; whoever consumes the frame releases it.
 */
public final class InterleavedFrame extends DefaultByteBufHolder {

    /** The marker byte that starts an interleaved frame instead of an RTSP message. */
    public static final byte MARKER = '$';
    /** Marker, channel and the 16-bit length. */
    public static final int HEADER_BYTES = 4;
    /** The length field is 16 bits wide. */
    public static final int MAX_PAYLOAD_BYTES = 0xFFFF;
    /** Channel numbers are one byte. */
    public static final int MAX_CHANNEL = 0xFF;

    private final int channel;

    public InterleavedFrame(int channel, ByteBuf payload) {
        super(payload);
        if (channel < 0 || channel > MAX_CHANNEL) {
            throw new IllegalArgumentException("interleaved channel out of range: " + channel);
        }
        if (payload.readableBytes() > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("interleaved payload too large: " + payload.readableBytes());
        }
        this.channel = channel;
    }

    public int channel() {
        return channel;
    }

    @Override
    public InterleavedFrame replace(ByteBuf content) {
        return new InterleavedFrame(channel, content);
    }

    @Override
    public InterleavedFrame retain() {
        super.retain();
        return this;
    }

    @Override
    public String toString() {
        return "InterleavedFrame(channel=" + channel + ", bytes=" + content().readableBytes() + ")";
    }
}
