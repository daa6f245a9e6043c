package io.stride.rtsp.protocol;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Writes an {@link InterleavedFrame} as {@code $ channel length payload}. The payload is passed on by
 * reference, not copied, so one published packet relayed to many readers is never duplicated in memory.
 */
@Sharable
public final class InterleavedFrameEncoder extends MessageToMessageEncoder<InterleavedFrame> {

    public InterleavedFrameEncoder() {
        super(InterleavedFrame.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, InterleavedFrame frame, List<Object> out) {
        var header = ctx.alloc().buffer(InterleavedFrame.HEADER_BYTES);
        header.writeByte(InterleavedFrame.MARKER);
        header.writeByte(frame.channel());
        header.writeShort(frame.content().readableBytes());
        out.add(header);
        out.add(frame.content().retain());
    }
}
