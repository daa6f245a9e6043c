package io.stride.annotation.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import io.stride.core.frame.FrameRecord;
import io.stride.core.result.ResultFiles;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: the result MP4 keeps the source's audio track, copied when MP4 holds it as it is, re-encoded to AAC
 * otherwise. The sources are made here with FFmpeg: 2 s of video at 25 fps and a 440 Hz tone.
 */
class SourceAudioTest {

    private static final String TASK = "0b7c6f3e-1d2a-4c5b-9e8f-7a6b5c4d3e2f";
    private static final int WIDTH = 160;
    private static final int HEIGHT = 120;
    private static final double FPS = 25;
    private static final int FRAMES = 50;
    private static final double AUDIO_SECONDS = 2.0;
    private static final H264Settings SETTINGS = new H264Settings("veryfast", 23, 1.0);
    /** The video is joined from three segments (20, 20, 10 frames) before the audio is added. */
    private static final int SEGMENT_FRAMES = 20;

    @TempDir
    Path dir;

    @Test
    void anAacTrackIsCopiedIntoTheResult() throws Exception {
        Path source = makeSource("source.mp4", "mp4", AV_CODEC_ID_AAC, 44100, 1);
        assertThat(audioCodecOf(source)).isEqualTo(AV_CODEC_ID_AAC);
        assertThat(audioSeconds(source)).isCloseTo(AUDIO_SECONDS, offset(0.1));

        Path result = annotate(source);

        assertThat(audioCodecOf(result)).isEqualTo(AV_CODEC_ID_AAC);
        assertThat(audioSeconds(result)).isCloseTo(audioSeconds(source), offset(0.2));
        assertThat(videoFrames(result)).isEqualTo(FRAMES);
        assertOnlyFinalFiles();
    }

    @Test
    void anOpusOrVorbisTrackIsReencodedToAac() throws Exception {
        int codec = avcodec.avcodec_find_encoder_by_name("libopus") != null ? avcodec.AV_CODEC_ID_OPUS
                : avcodec.AV_CODEC_ID_VORBIS;
        Path source = makeSource("source.mkv", "matroska", codec, 48000, 2);
        assertThat(audioCodecOf(source)).isEqualTo(codec);
        assertThat(audioSeconds(source)).isCloseTo(AUDIO_SECONDS, offset(0.1));

        Path result = annotate(source);

        assertThat(audioCodecOf(result)).isEqualTo(AV_CODEC_ID_AAC);
        assertThat(audioSeconds(result)).isCloseTo(audioSeconds(source), offset(0.2));
        assertThat(videoFrames(result)).isEqualTo(FRAMES);
        assertOnlyFinalFiles();
    }

    @Test
    void aSourceWithoutAudioGivesAVideoOnlyResult() throws Exception {
        Path source = makeSource("silent.mp4", "mp4", 0, 0, 0);

        Path result = annotate(source);

        assertThat(hasAudio(result)).isFalse();
        assertThat(videoFrames(result)).isEqualTo(FRAMES);
        assertOnlyFinalFiles();
    }

    @Test
    void anUploadNoLongerOnDiskGivesAVideoOnlyResult() throws Exception {
        Path result = annotate(dir.resolve("deleted-upload.mp4"));

        assertThat(hasAudio(result)).isFalse();
        assertThat(videoFrames(result)).isEqualTo(FRAMES);
        assertOnlyFinalFiles();
    }

    /** Runs the source's frames through the result writer of a task whose upload is {@code source}. */
    private Path annotate(Path source) throws Exception {
        ResultFiles files = new ResultFiles(dir.resolve("results"));
        try (Mat image = new Mat(HEIGHT, WIDTH, CV_8UC3, new Scalar(30, 90, 150, 0))) {
            TaskResultsWriter writer = TaskResultsWriter.open(files, TASK,
                    new VideoFormat(WIDTH, HEIGHT, FPS, SETTINGS, SEGMENT_FRAMES), source);
            for (int i = 0; i < FRAMES; i++) {
                writer.write(FrameRecord.frame(TASK, i, Math.round(i * 1e6 / FPS), FPS, WIDTH, HEIGHT, new byte[] {1}),
                        image);
            }
            writer.finish();
        }
        return files.video(TASK);
    }

    /** An H.264 video of {@link #FRAMES} frames and, unless {@code audioCodec} is 0, a 440 Hz tone as long. */
    private Path makeSource(String name, String format, int audioCodec, int sampleRate, int channels)
            throws Exception {
        Path file = dir.resolve(name);
        try (var recorder = new FFmpegFrameRecorder(file.toFile(), WIDTH, HEIGHT, channels);
             var converter = new OpenCVFrameConverter.ToMat();
             Mat image = new Mat(HEIGHT, WIDTH, CV_8UC3, new Scalar(10, 200, 10, 0))) {
            recorder.setFormat(format);
            recorder.setVideoCodec(AV_CODEC_ID_H264);
            recorder.setFrameRate(FPS);
            if (audioCodec != 0) {
                recorder.setAudioCodec(audioCodec);
                recorder.setSampleRate(sampleRate);
                recorder.setAudioOption("strict", "-2"); // FFmpeg's own Vorbis encoder counts as experimental
            }
            recorder.start();
            for (int i = 0; i < FRAMES; i++) {
                recorder.record(converter.convert(image));
            }
            if (audioCodec != 0) {
                recorder.recordSamples(sampleRate, channels, tone(sampleRate, channels));
            }
            recorder.stop();
        }
        return file;
    }

    private static ShortBuffer tone(int sampleRate, int channels) {
        int samples = (int) (AUDIO_SECONDS * sampleRate);
        ShortBuffer buffer = ShortBuffer.allocate(samples * channels);
        for (int i = 0; i < samples; i++) {
            short value = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / sampleRate));
            for (int c = 0; c < channels; c++) {
                buffer.put(value);
            }
        }
        return buffer.flip();
    }

    private static int audioCodecOf(Path file) throws Exception {
        try (var grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            return grabber.getAudioCodec();
        }
    }

    private static boolean hasAudio(Path file) throws Exception {
        try (var grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            return grabber.getAudioStream() >= 0;
        }
    }

    /** The audio's length as decoded: samples over the sample rate. */
    private static double audioSeconds(Path file) throws Exception {
        try (var grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            long samples = 0;
            Frame frame;
            while ((frame = grabber.grabSamples()) != null) {
                samples += frame.samples[0].limit() / (frame.samples.length == 1 ? frame.audioChannels : 1);
            }
            return (double) samples / grabber.getSampleRate();
        }
    }

    private static int videoFrames(Path file) throws Exception {
        try (var grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            int count = 0;
            while (grabber.grabImage() != null) {
                count++;
            }
            return count;
        }
    }

    /** The result appeared in one move: no partial file of any kind is left. */
    private void assertOnlyFinalFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("results"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder(TASK + ".mp4", TASK + ".jsonl");
        }
    }
}
