package io.stride.annotation.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimedMp4WriterTest {

    @TempDir
    Path dir;

    @Test
    void everyFrameGoesLiveAsItIsWrittenNotHeldInTheEncoder() throws Exception {
        int[] packets = {0};
        PacketSink sink = new PacketSink() {
            @Override
            public void accept(AVPacket packet, AVRational timeBase) {
                packets[0]++;
            }

            @Override
            public void end() {
            }
        };
        try (TimedMp4Writer writer = TimedMp4Writer.open(dir.resolve("000001.mp4.part"), 1280, 720, 2,
                new H264Settings("veryfast", 23, 1.0));
             Mat grey = new Mat(720, 1280, opencv_core.CV_8UC3, new Scalar(128, 128, 128, 0))) {
            writer.streamTo(sink, 0);
            for (int frame = 1; frame <= 3; frame++) {
                writer.write(grey, frame * 500_000L);
                assertThat(packets[0]).as("packets out after frame %d", frame).isEqualTo(frame);
            }
            writer.finish();
        }
    }

    @Test
    void timesAMicrosecondApartStillRiseInACoarserTimeBase() throws Exception {
        // As RTSP's 90 kHz: frames at 40 000 µs and 40 001 µs meet on one tick, which a muxer refuses.
        Path coarse = dir.resolve("coarse.mp4");
        long[] ptsUs = {0, 40_000, 40_001, 80_000};
        try (TimedMp4Writer writer = TimedMp4Writer.open(dir.resolve("000001.mp4.part"), 320, 240, 25,
                new H264Settings("veryfast", 23, 1.0));
             Mat grey = new Mat(240, 320, opencv_core.CV_8UC3, new Scalar(128, 128, 128, 0))) {
            try (StreamFormat format = writer.streamFormat();
                 PacketMuxer muxer = PacketMuxer.open("mp4", coarse.toString(), format.parameters(),
                         av_make_q(1, 90_000), format.frameRate(), Map.of())) {
                writer.streamTo(muxer, 0);
                for (long pts : ptsUs) {
                    writer.write(grey, pts);
                }
                writer.finish();
                muxer.finish();
            }
        }
        try (var grabber = new FFmpegFrameGrabber(coarse.toFile())) {
            grabber.start();
            int frames = 0;
            while (grabber.grabImage() != null) {
                frames++;
            }
            assertThat(frames).as("every frame in the coarser file").isEqualTo(ptsUs.length);
        }
    }
}
