package io.stride.rtsp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The framer's message timeout, on the frozen clock of an embedded channel. */
class RtspMessageFramerTimeoutTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String OPTIONS = "OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n";

    private final List<MessageTimeout> timeouts = new ArrayList<>();
    private int messages;
    private EmbeddedChannel channel;

    @BeforeEach
    void connect() {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new RtspMessageFramer(TIMEOUT), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                messages++;
                ReferenceCountUtil.release(msg);
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                timeouts.add((MessageTimeout) event);
            }
        });
    }

    private void advance(Duration by) {
        channel.advanceTimeBy(by.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
    }

    private void send(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
    }

    @Test
    void aConnectionWithoutARequestTimesOutAtTheTimeoutOfConnecting() {
        advance(TIMEOUT.minusMillis(1));
        assertThat(timeouts).isEmpty();

        advance(Duration.ofMillis(1));
        assertThat(timeouts).containsExactly(new MessageTimeout(true, TIMEOUT));
    }

    @Test
    void interleavedPacketsAreNoRequest() {
        for (int i = 0; i < 10; i++) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'$', 0, 0, 1, 7}));
            advance(TIMEOUT.dividedBy(10));
        }
        assertThat(messages).isEqualTo(10);
        assertThat(timeouts).containsExactly(new MessageTimeout(true, TIMEOUT));
    }

    @Test
    void aRequestDrippedAByteAtATimeTimesOutAtTheTimeoutOfItsFirstByteAndNothingIsReadAfter() {
        send(OPTIONS);
        advance(TIMEOUT.multipliedBy(3));
        assertThat(timeouts).as("whole requests far apart are fine").isEmpty();

        String dripped = "DESCRIBE rtsp://h/p RTSP/1.0\r\nCSeq: 2\r\n";
        for (int i = 0; i < 9; i++) {
            send(dripped.substring(i, i + 1));
            advance(Duration.ofSeconds(1));
        }
        assertThat(timeouts).isEmpty();
        send(dripped.substring(9, 10));
        advance(Duration.ofSeconds(1));
        assertThat(timeouts).containsExactly(new MessageTimeout(false, TIMEOUT));

        send(dripped.substring(10) + "\r\n" + OPTIONS);
        assertThat(messages).isEqualTo(1);
    }

    @Test
    void aMessageThatCompletesEndsItsDeadlineAndTheNextStartsItsOwn() {
        send(OPTIONS);
        send("OPTIONS * RTSP/1.0\r\n");
        advance(TIMEOUT.minusSeconds(1));
        send("CSeq: 2\r\n\r\nOPTIONS * RTSP/1.0\r\n");
        advance(TIMEOUT.minusSeconds(1));
        assertThat(timeouts).isEmpty();
        assertThat(messages).isEqualTo(2);

        advance(Duration.ofSeconds(1));
        assertThat(timeouts).containsExactly(new MessageTimeout(false, TIMEOUT));
    }

    @Test
    void withoutATimeoutNothingTimesOut() {
        var unlimited = new EmbeddedChannel();
        unlimited.freezeTime();
        var events = new ArrayList<Object>();
        unlimited.pipeline().addLast(new RtspMessageFramer(), new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                events.add(event);
            }
        });
        unlimited.writeInbound(Unpooled.copiedBuffer("OPTIONS * RTSP", StandardCharsets.ISO_8859_1));
        unlimited.advanceTimeBy(1, TimeUnit.HOURS);
        unlimited.runScheduledPendingTasks();

        assertThat(events).isEmpty();
        ByteBuf nothing = unlimited.readInbound();
        assertThat(nothing).isNull();
    }
}
