package io.stride.annotation.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
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
}
