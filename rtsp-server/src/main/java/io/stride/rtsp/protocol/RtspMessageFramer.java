package io.stride.rtsp.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

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
 *
 * <p>With a message timeout, a connection must deliver its first request whole within the timeout of connecting,
 * and every later message within the timeout of its first byte; otherwise the framer fires a {@link MessageTimeout}
 * and reads nothing more. A client that drips a header a byte at a time cannot hold a connection that way, as it
 * could against an idle timer, which any byte resets.
 */
public final class RtspMessageFramer extends ByteToMessageDecoder {

    /** Largest header block accepted; RTSP requests of real clients are a few hundred bytes. */
    public static final int MAX_HEADER_BYTES = 8 * 1024;
    /** Largest body accepted; the only bodies are SDP descriptions (ANNOUNCE) and small parameters. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final String CONTENT_LENGTH = "content-length:";
    private static final int REQUEST_LINE_PARTS = 3;

    private final Duration messageTimeout;
    private boolean broken;
    private boolean requestSeen;
    private ScheduledFuture<?> deadline;

    /** A framer without a message timeout. */
    public RtspMessageFramer() {
        this(Duration.ZERO);
    }

    /** @param messageTimeout how long a message may take to arrive whole, see above; zero for no limit */
    public RtspMessageFramer(Duration messageTimeout) {
        this.messageTimeout = messageTimeout;
    }

    /** The first request's deadline runs from connecting: here for a connection that is open already. */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        startDeadline(ctx);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        startDeadline(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        super.channelInactive(ctx);
        cancelDeadline();
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        cancelDeadline();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int before = out.size();
        split(in, out);
        watchDeadline(ctx, out.subList(before, out.size()), in.isReadable());
    }

    private void split(ByteBuf in, List<Object> out) {
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

    /**
     * Before the first request, the deadline set at connecting runs on; after it, a message that completed ends
     * its deadline, and the start of a message that is still incomplete sets one.
     */
    private void watchDeadline(ChannelHandlerContext ctx, List<Object> completed, boolean partialLeft) {
        if (!requestSeen && completed.stream().anyMatch(ByteBuf.class::isInstance)) {
            requestSeen = true;
        }
        if (requestSeen && !completed.isEmpty()) {
            cancelDeadline();
        }
        if (requestSeen && partialLeft && deadline == null) {
            startDeadline(ctx);
        }
    }

    private void startDeadline(ChannelHandlerContext ctx) {
        if (messageTimeout.isZero() || deadline != null || broken || !ctx.channel().isActive()) {
            return;
        }
        deadline = ctx.executor().schedule(() -> timedOut(ctx), messageTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    private void timedOut(ChannelHandlerContext ctx) {
        deadline = null;
        if (broken || !ctx.channel().isActive()) {
            return;
        }
        broken = true;
        ctx.fireUserEventTriggered(new MessageTimeout(!requestSeen, messageTimeout));
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
        cancelDeadline();
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
