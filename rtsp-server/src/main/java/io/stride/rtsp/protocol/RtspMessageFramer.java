package io.stride.rtsp.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Splits the bytes of one RTSP connection into {@link InterleavedFrame}s and whole RTSP messages.
 *
 * <p>Once a publisher sends RECORD, RTP packets ({@code $}-framed) and RTSP requests share the connection, and
 * Netty's {@code RtspDecoder} knows nothing of the {@code $} frames. This decoder sits in front of it: it passes
 * every interleaved frame on as an {@link InterleavedFrame} and every RTSP message (header block plus its
 * {@code Content-Length} body) as one {@link ByteBuf}, so {@code RtspDecoder} only ever sees complete messages.
 *
 * <p>Input that cannot be an RTSP message (binary garbage, an oversized header or body, a request line without
 * three parts) fails with a {@link CorruptedFrameException} or {@link TooLongFrameException}; the decoder then
 * discards everything that follows, as the connection has lost its framing and is closed by the handler.
 */
public final class RtspMessageFramer extends ByteToMessageDecoder {

    /** Largest header block accepted; RTSP requests of real clients are a few hundred bytes. */
    public static final int MAX_HEADER_BYTES = 8 * 1024;
    /** Largest body accepted; the only bodies are SDP descriptions (ANNOUNCE) and small parameters. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final String CONTENT_LENGTH = "content-length:";
    private static final int REQUEST_LINE_PARTS = 3;

    private boolean broken;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.isReadable()) {
            skipLineBreaks(in);
            if (!in.isReadable()) {
                return;
            }
            Object next = in.getByte(in.readerIndex()) == InterleavedFrame.MARKER ? interleaved(in) : message(in);
            if (next == null) {
                return;
            }
            out.add(next);
        }
    }

    /** Clients may end a message with an extra CRLF; RFC 2326 (like HTTP) tolerates empty lines between messages. */
    private static void skipLineBreaks(ByteBuf in) {
        while (in.isReadable()) {
            byte b = in.getByte(in.readerIndex());
            if (b != '\r' && b != '\n') {
                return;
            }
            in.skipBytes(1);
        }
    }

    private static InterleavedFrame interleaved(ByteBuf in) {
        if (in.readableBytes() < InterleavedFrame.HEADER_BYTES) {
            return null;
        }
        int start = in.readerIndex();
        int channel = in.getUnsignedByte(start + 1);
        int length = in.getUnsignedShort(start + 2);
        if (in.readableBytes() < InterleavedFrame.HEADER_BYTES + length) {
            return null;
        }
        in.skipBytes(InterleavedFrame.HEADER_BYTES);
        // A copy, not a slice: a slice would pin the whole receive buffer for as long as a slow reader queues it.
        return new InterleavedFrame(channel, in.readBytes(length));
    }

    private ByteBuf message(ByteBuf in) {
        int start = in.readerIndex();
        if (!isLetter(in.getByte(start))) {
            fail(new CorruptedFrameException("not an RTSP message: first byte 0x"
                    + Integer.toHexString(in.getUnsignedByte(start))));
        }
        int headerEnd = headerEnd(in, start);
        if (headerEnd < 0) {
            if (in.readableBytes() > MAX_HEADER_BYTES) {
                fail(new TooLongFrameException("RTSP header longer than " + MAX_HEADER_BYTES + " bytes"));
            }
            return null;
        }
        String header = in.toString(start, headerEnd - start, StandardCharsets.ISO_8859_1);
        checkStartLine(header);
        int bodyLength = contentLength(header);
        int total = headerEnd - start + bodyLength;
        if (in.readableBytes() < total) {
            return null;
        }
        return in.readRetainedSlice(total);
    }

    /** The index just past the empty line that ends the header block, or -1 when it has not arrived yet. */
    private static int headerEnd(ByteBuf in, int start) {
        int limit = in.writerIndex();
        int lineStart = start;
        for (int i = start; i < limit; i++) {
            if (in.getByte(i) != '\n') {
                continue;
            }
            int lineLength = i - lineStart;
            boolean empty = lineLength == 0 || (lineLength == 1 && in.getByte(lineStart) == '\r');
            if (empty && lineStart > start) {
                return i + 1;
            }
            lineStart = i + 1;
        }
        return -1;
    }

    private void checkStartLine(String header) {
        int lineEnd = header.indexOf('\n');
        String line = header.substring(0, lineEnd).strip();
        if (line.split(" +").length != REQUEST_LINE_PARTS) {
            fail(new CorruptedFrameException("malformed RTSP start line: " + abbreviate(line)));
        }
    }

    private int contentLength(String header) {
        for (String line : header.split("\r?\n")) {
            if (!line.toLowerCase(Locale.ROOT).startsWith(CONTENT_LENGTH)) {
                continue;
            }
            String value = line.substring(CONTENT_LENGTH.length()).strip();
            int length;
            try {
                length = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                fail(new CorruptedFrameException("invalid Content-Length: " + abbreviate(value)));
                return 0;
            }
            if (length < 0) {
                fail(new CorruptedFrameException("negative Content-Length: " + length));
            }
            if (length > MAX_BODY_BYTES) {
                fail(new TooLongFrameException("RTSP body of " + length + " bytes exceeds " + MAX_BODY_BYTES));
            }
            return length;
        }
        return 0;
    }

    private void fail(RuntimeException e) {
        broken = true;
        throw e;
    }

    private static boolean isLetter(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
    }

    private static String abbreviate(String s) {
        int shown = 80;
        return s.length() <= shown ? s : s.substring(0, shown) + "…";
    }
}
