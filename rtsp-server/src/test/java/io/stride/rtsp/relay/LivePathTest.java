package io.stride.rtsp.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.stride.rtsp.protocol.SessionDescription;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LivePathTest {

    private static final SessionDescription TWO_TRACKS = SessionDescription.parse(
            "v=0\r\ns=x\r\nm=video 0 RTP/AVP 96\r\nm=audio 0 RTP/AVP 97\r\n");

    /** Records what it is offered; refuses everything once "full". */
    private static final class RecordingOutput implements ReaderOutput {
        final List<String> offered = new ArrayList<>();
        boolean full;
        int flushes;

        @Override
        public boolean offer(int track, boolean rtcp, ByteBuf packet) {
            if (full) {
                return false;
            }
            offered.add(track + (rtcp ? "/rtcp:" : "/rtp:") + ByteBufUtil.hexDump(packet));
            return true;
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close() {
        }
    }

    private final RelayCounters counters = new RelayCounters();
    private final LivePath path = new LivePath("/p", TWO_TRACKS, 2, counters);

    @Test
    void relaysToPlayingReadersOnlyAndCountsDrops() {
        var playing = new RecordingOutput();
        var paused = new RecordingOutput();
        var full = new RecordingOutput();
        full.full = true;
        Reader playingReader = reader(playing);
        Reader fullReader = reader(full);
        var bigger = new LivePath("/q", TWO_TRACKS, 3, counters);
        bigger.attach(playingReader);
        bigger.attach(reader(paused));
        bigger.attach(fullReader);
        playingReader.play();
        fullReader.play();

        bigger.relay(1, true, Unpooled.wrappedBuffer(new byte[] {1, 2}));
        bigger.flushReaders();

        assertThat(playing.offered).containsExactly("1/rtcp:0102");
        assertThat(playing.flushes).isEqualTo(1);
        assertThat(paused.offered).isEmpty();
        assertThat(paused.flushes).isZero();
        assertThat(counters.relayedPackets()).isEqualTo(1);
        assertThat(counters.droppedPackets()).isEqualTo(1);
    }

    @Test
    void remembersWhereEachTrackIsForReadersThatStartLater() {
        assertThat(path.position(0)).isEmpty();

        path.relay(0, false, rtp(65535, 0xFFFF_FFF0L));
        path.relay(1, false, rtp(7, 44100));
        path.relay(0, true, Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, (byte) 200, 0, 1}));

        assertThat(path.position(0)).contains(new TrackPosition(0, 0xFFFF_FFF0L));
        assertThat(path.position(1)).contains(new TrackPosition(8, 44100));
    }

    @Test
    void refusesReadersBeyondTheLimitAndAfterThePublisherLeft() {
        assertThat(path.attach(reader(new RecordingOutput()))).isEqualTo(LivePath.Attach.ATTACHED);
        assertThat(path.attach(reader(new RecordingOutput()))).isEqualTo(LivePath.Attach.ATTACHED);
        assertThat(path.attach(reader(new RecordingOutput()))).isEqualTo(LivePath.Attach.FULL);

        path.close();

        assertThat(path.attach(reader(new RecordingOutput()))).isEqualTo(LivePath.Attach.GONE);
        assertThat(path.readerCount()).isZero();
    }

    @Test
    void closingDisconnectsEveryReader() {
        var connection = new EmbeddedChannel();
        var reader = new Reader(connection, new RecordingOutput());
        path.attach(reader);
        reader.play();

        path.close();

        assertThat(connection.isOpen()).isFalse();
        assertThat(reader.isPlaying()).isFalse();
    }

    private static Reader reader(ReaderOutput output) {
        return new Reader(new EmbeddedChannel(), output);
    }

    private static ByteBuf rtp(int sequence, long timestamp) {
        var packet = Unpooled.buffer(12);
        packet.writeByte(0x80).writeByte(96).writeShort(sequence).writeInt((int) timestamp).writeInt(1);
        return packet;
    }
}
