package io.stride.annotation.live;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import io.stride.annotation.output.PacketMuxer;
import io.stride.annotation.output.PacketSink;
import io.stride.annotation.output.StreamFormat;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one task's encoded packets to an RTSP server on a thread of its own, paced by presentation
 * time. The encoder only queues clones of its packets here, so neither pacing nor a slow or absent server
 * ever slows the MP4; a full queue drops packets from the live stream only.
 *
 * <p>A camera's stream is not paced ({@link #startUnpaced}): its packets never come faster than its source's real
 * time, so pacing would only hold them, and as the {@link Pacer} keeps the spacing after a late packet, a camera
 * would stay as far behind as its slowest frame ever was (its first, through a cold pipeline: seconds).
 */
public final class LiveStream implements PacketSink {

    private static final Logger log = LoggerFactory.getLogger(LiveStream.class);
    private static final AVPacket END = new AVPacket();
    private static final Map<String, String> OVER_TCP = Map.of("rtsp_transport", "tcp");

    private final String url;
    /** The URL without its query, which may carry the API key: what logs and the thread name show. */
    private final String shownUrl;
    private final StreamFormat format;
    private final BlockingQueue<AVPacket> queue;
    /** Null for a stream that goes out as it comes. */
    private final Pacer pacer;
    private final Thread thread;
    private long dropped;
    private volatile boolean stopped;

    private LiveStream(String url, StreamFormat format, int maxBufferedPackets, Pacer pacer) {
        this.url = url;
        this.pacer = pacer;
        this.shownUrl = PublishUrls.redacted(url);
        this.format = format;
        this.queue = new ArrayBlockingQueue<>(maxBufferedPackets);
        this.thread = new Thread(this::publish, "live-" + shownUrl.substring(shownUrl.lastIndexOf('/') + 1));
        thread.setDaemon(true);
    }

    /** Starts publishing to {@code url} (which may carry the API key); takes ownership of {@code format}. */
    public static LiveStream start(String url, StreamFormat format, int maxBufferedPackets) {
        return started(new LiveStream(url, format, maxBufferedPackets, new Pacer()));
    }

    /** Starts publishing a camera's stream: every packet as soon as it is queued (see {@link #start}). */
    public static LiveStream startUnpaced(String url, StreamFormat format, int maxBufferedPackets) {
        return started(new LiveStream(url, format, maxBufferedPackets, null));
    }

    private static LiveStream started(LiveStream stream) {
        stream.thread.start();
        return stream;
    }

    @Override
    public void accept(AVPacket packet, AVRational timeBase) {
        if (stopped) {
            return;
        }
        AVPacket copy = av_packet_clone(packet);
        if (!queue.offer(copy)) {
            av_packet_free(copy);
            if (dropped++ == 0) {
                log.warn("Live stream {} cannot keep up; dropping packets from it (the MP4 is unaffected)", shownUrl);
            }
        }
    }

    @Override
    public void end() {
        while (!queue.offer(END)) {
            AVPacket oldest = queue.poll();
            if (oldest != null && oldest != END) {
                av_packet_free(oldest);
            }
        }
    }

    /** Waits until everything queued has been published (tests and replays). */
    public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        thread.join(unit.toMillis(timeout));
        return !thread.isAlive();
    }

    private void publish() {
        PacketMuxer muxer = null;
        try {
            // Announced before the encoder's first packet: a player that asks as soon as the stream exists gets
            // the first keyframe, where one that joins after it waits a whole GOP for the next.
            muxer = PacketMuxer.open("rtsp", url, format.parameters(), format.timeBase(), format.frameRate(),
                    OVER_TCP);
            log.info("Publishing live stream {}", shownUrl);
            for (AVPacket packet = queue.take(); packet != END; packet = queue.take()) {
                try {
                    sleepUntilDue(packet);
                    muxer.accept(packet, format.timeBase());
                } finally {
                    av_packet_free(packet);
                }
            }
        } catch (IOException e) {
            log.warn("Live stream {} stopped: {}", shownUrl, PublishUrls.redacted(e.getMessage(), url));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped = true;
            finish(muxer);
            drain();
            format.close();
        }
    }

    private void sleepUntilDue(AVPacket packet) throws InterruptedException {
        if (pacer == null) {
            return;
        }
        long delay = pacer.delayNanos(packet.pts() * av_q2d(format.timeBase()), System.nanoTime());
        if (delay > 0) {
            TimeUnit.NANOSECONDS.sleep(delay);
        }
    }

    private void finish(PacketMuxer muxer) {
        if (muxer != null) {
            try {
                muxer.finish();
            } catch (IOException e) {
                log.debug("Live stream {} did not close cleanly: {}", shownUrl,
                        PublishUrls.redacted(e.getMessage(), url));
            }
        }
    }

    private void drain() {
        for (AVPacket left = queue.poll(); left != null; left = queue.poll()) {
            if (left != END) {
                av_packet_free(left);
            }
        }
    }
}
