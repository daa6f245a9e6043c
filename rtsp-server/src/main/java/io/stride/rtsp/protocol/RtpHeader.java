package io.stride.rtsp.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Reads the two RTP header fields (RFC 3550 §5.1) a reader's PLAY answer needs in {@code RTP-Info}: where the
 * stream is now (sequence number and timestamp of the latest packet). Nothing else of a packet is looked at.
 */
public final class RtpHeader {

    /** Fixed RTP header: V/P/X/CC, M/PT, sequence number, timestamp, SSRC. */
    public static final int FIXED_BYTES = 12;
    private static final int VERSION = 2;
    private static final int VERSION_SHIFT = 6;
    private static final int SEQUENCE_OFFSET = 2;
    private static final int TIMESTAMP_OFFSET = 4;

    private RtpHeader() {
    }

    /** Whether the bytes can be an RTP packet: long enough and version 2. */
    public static boolean isRtp(ByteBuf packet) {
        return packet.readableBytes() >= FIXED_BYTES
                && (packet.getUnsignedByte(packet.readerIndex()) >> VERSION_SHIFT) == VERSION;
    }

    public static int sequenceNumber(ByteBuf packet) {
        return packet.getUnsignedShort(packet.readerIndex() + SEQUENCE_OFFSET);
    }

    public static long timestamp(ByteBuf packet) {
        return packet.getUnsignedInt(packet.readerIndex() + TIMESTAMP_OFFSET);
    }
}
