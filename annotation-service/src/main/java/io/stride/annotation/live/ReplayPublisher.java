package io.stride.annotation.live;

import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import io.stride.annotation.output.PacketMuxer;
import io.stride.core.result.ResultFiles;
import io.stride.core.topic.TopicNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A player that asks for a finished task gets its MP4 replayed: the file's packets are published unchanged
 * (no re-encoding) to the RTSP server at the video's own rate. Used as the embedded server's missing-path
 * handler, so nothing runs unless somebody watches.
 */
final class ReplayPublisher {

    private static final Logger log = LoggerFactory.getLogger(ReplayPublisher.class);
    private static final Map<String, String> OVER_TCP = Map.of("rtsp_transport", "tcp");

    private final ResultFiles results;
    private final PublishUrls urls;
    private final Duration leadIn;
    /** A replay already under way also serves players that ask again while it starts. */
    private final Set<String> replaying = ConcurrentHashMap.newKeySet();

    /** @param leadIn {@link RtspProperties#replayLeadIn()} */
    ReplayPublisher(ResultFiles results, PublishUrls urls, Duration leadIn) {
        this.results = results;
        this.urls = urls;
        this.leadIn = leadIn;
    }

    /** @return whether a replay was started for the path {@code /<taskId>} */
    boolean startPublisher(String path) {
        String taskId = path.replaceFirst("^/+", "");
        if (!TopicNames.isTaskId(taskId) || !Files.isRegularFile(results.video(taskId))) {
            return false;
        }
        if (!replaying.add(taskId)) {
            return true;
        }
        var thread = new Thread(() -> {
            try {
                replay(taskId, results.video(taskId));
            } finally {
                replaying.remove(taskId);
            }
        }, "replay-" + taskId);
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    private void replay(String taskId, Path video) {
        String url = urls.of(taskId);
        try (var grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.start();
            AVStream stream = grabber.getFormatContext().streams(grabber.getVideoStream());
            var pacer = new Pacer();
            try (PacketMuxer muxer = PacketMuxer.open("rtsp", url, stream.codecpar(), stream.time_base(),
                    stream.avg_frame_rate(), OVER_TCP)) {
                log.info("Replaying finished task {} to {}", taskId, PublishUrls.redacted(url));
                Thread.sleep(leadIn.toMillis());
                for (AVPacket packet = grabber.grabPacket(); packet != null; packet = grabber.grabPacket()) {
                    if (packet.stream_index() == grabber.getVideoStream()) {
                        long delay = pacer.delayNanos(packet.pts() * av_q2d(stream.time_base()), System.nanoTime());
                        TimeUnit.NANOSECONDS.sleep(Math.max(0, delay));
                        muxer.accept(packet, stream.time_base());
                    }
                }
                muxer.finish();
            }
        } catch (Exception e) {
            log.info("Replay of task {} ended: {}", taskId, PublishUrls.redacted(e.getMessage(), url));
        }
    }
}
