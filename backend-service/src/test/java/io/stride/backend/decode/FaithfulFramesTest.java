package io.stride.backend.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT2020_NCL;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;

import io.stride.core.image.JpegCodec;
import io.stride.core.testing.SharedData;
import java.util.Arrays;
import java.util.Random;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The frames the stages see are a faithful decode: the JPEG the backend carries on {@code raw_frames} loses no more
 * against FFmpeg's own conversion of the source picture ({@link FfmpegConversion}, what {@code ffmpeg -pix_fmt
 * bgr24} and the models' demos feed the models) than a JPEG of that conversion at the same quality does, and its
 * colours sit where the reference's do.
 */
class FaithfulFramesTest {

    /** The backend's default {@code stride.backend.jpeg-quality}. */
    private static final int QUALITY = JpegCodec.DEFAULT_FRAME_QUALITY;
    private static final int[] FRAMES = {0, 37, 74};
    /** How much worse, in PSNR, the carried frame may be than a JPEG of the reference. */
    private static final double PSNR_MARGIN_DB = 0.3;
    /** The sub-pixel offset, in pixels, between the conversion's colour (R−B) structure and the reference's. */
    private static final double MAX_COLOUR_OFFSET = 0.01;
    /** How far the conversion's R−B may be scaled against the reference's (a wrong matrix scales it). */
    private static final double MAX_COLOUR_GAIN_ERROR = 0.005;

    @ParameterizedTest
    @ValueSource(strings = {"dance_1280x720_23s.mp4", SharedData.PEOPLE_WALKING})
    void theCarriedJpegIsAsFaithfulAsAJpegOfFfmpegsOwnConversion(String clip) throws Exception {
        int compared = 0;
        try (var grabber = AcceptedFormats.grabber(SharedData.video(clip)); var pictures = new BgrPictures()) {
            grabber.setImageMode(FrameGrabber.ImageMode.RAW); // as FrameDecoder reads the upload
            grabber.start();
            Frame frame;
            for (int index = 0; compared < FRAMES.length && (frame = grabber.grabImage()) != null; index++) {
                if (index != FRAMES[compared]) {
                    continue;
                }
                AVFrame picture = (AVFrame) frame.opaque;
                Mat converted = pictures.convert(picture, picture.width(), picture.height());
                try (Mat reference = FfmpegConversion.bgr(picture);
                     Mat carried = JpegCodec.decode(JpegCodec.encode(converted, QUALITY));
                     Mat jpegOfReference = JpegCodec.decode(JpegCodec.encode(reference, QUALITY))) {
                    byte[] expected = bytes(reference);
                    String what = clip + " frame " + index;

                    assertThat(psnr(bytes(carried), expected)).as("PSNR of the carried JPEG, %s", what)
                            .isGreaterThanOrEqualTo(psnr(bytes(jpegOfReference), expected) - PSNR_MARGIN_DB);
                    ColourAlignment alignment = ColourAlignment.of(bytes(converted), expected,
                            picture.width(), picture.height());
                    assertThat(alignment.dx()).as("colour offset across, %s", what)
                            .isCloseTo(0, within(MAX_COLOUR_OFFSET));
                    assertThat(alignment.dy()).as("colour offset down, %s", what)
                            .isCloseTo(0, within(MAX_COLOUR_OFFSET));
                    assertThat(alignment.gain()).as("colour gain, %s", what)
                            .isCloseTo(1, within(MAX_COLOUR_GAIN_ERROR));
                }
                compared++;
            }
        }
        assertThat(compared).as("frames compared").isEqualTo(FRAMES.length);
    }

    /**
     * Pictures of other colour descriptions than the clips': each is read with its own matrix and range, as FFmpeg
     * reads it, pixel for pixel. A full-range pixel format says so by itself, whatever the picture's range field.
     */
    @ParameterizedTest(name = "pixel format {0}, colour space {1}, range {2}")
    @CsvSource({
            AV_PIX_FMT_YUV420P + ", " + AVCOL_SPC_BT709 + ", " + AVCOL_RANGE_MPEG,
            AV_PIX_FMT_YUV420P + ", " + AVCOL_SPC_BT709 + ", " + AVCOL_RANGE_JPEG,
            AV_PIX_FMT_YUV420P + ", " + AVCOL_SPC_UNSPECIFIED + ", " + AVCOL_RANGE_UNSPECIFIED,
            AV_PIX_FMT_YUV420P + ", " + AVCOL_SPC_BT2020_NCL + ", " + AVCOL_RANGE_MPEG,
            AV_PIX_FMT_YUV444P + ", " + AVCOL_SPC_BT709 + ", " + AVCOL_RANGE_MPEG,
            AV_PIX_FMT_YUVJ420P + ", " + AVCOL_SPC_UNSPECIFIED + ", " + AVCOL_RANGE_UNSPECIFIED})
    void eachPictureIsReadWithItsOwnColourDescription(int format, int colorspace, int range) {
        AVFrame picture = randomPicture(format, colorspace, range, 64, 48);
        try (var pictures = new BgrPictures(); Mat reference = FfmpegConversion.bgr(picture)) {
            assertThat(largestDifference(bytes(pictures.convert(picture, 64, 48)), bytes(reference)))
                    .as("largest difference from FFmpeg's conversion, in levels").isZero();
        } finally {
            av_frame_free(picture);
        }
    }

    /** A picture of random samples, every one of them in the range its description allows. */
    private static AVFrame randomPicture(int format, int colorspace, int range, int width, int height) {
        AVFrame picture = av_frame_alloc();
        picture.format(format).width(width).height(height).colorspace(colorspace).color_range(range);
        if (av_frame_get_buffer(picture, 0) < 0) {
            throw new IllegalStateException("cannot allocate a picture");
        }
        boolean full = range == AVCOL_RANGE_JPEG || format == AV_PIX_FMT_YUVJ420P;
        int chromaShift = format == AV_PIX_FMT_YUV444P ? 0 : 1;
        var random = new Random(format * 31 + colorspace * 7 + range);
        for (int plane = 0; plane < 3; plane++) {
            int planeWidth = plane == 0 ? width : width >> chromaShift;
            int planeHeight = plane == 0 ? height : height >> chromaShift;
            int low = full ? 0 : 16;
            int high = full ? 255 : plane == 0 ? 235 : 240;
            byte[] row = new byte[planeWidth];
            for (int y = 0; y < planeHeight; y++) {
                for (int x = 0; x < planeWidth; x++) {
                    row[x] = (byte) (low + random.nextInt(high - low + 1));
                }
                picture.data(plane).position((long) y * picture.linesize(plane)).put(row);
            }
        }
        return picture;
    }

    /**
     * Where the colour structure (R−B, what a wrong matrix or a shifted chroma plane disturbs most) of an image sits
     * against the reference's: the sub-pixel offset that best aligns the two (the vertex of a parabola through the
     * squared differences at −1, 0 and +1 pixel) and the gain of a least-squares fit of one on the other.
     */
    record ColourAlignment(double dx, double dy, double gain) {

        static ColourAlignment of(byte[] bgr, byte[] reference, int width, int height) {
            int[] colour = redMinusBlue(bgr);
            int[] expected = redMinusBlue(reference);
            return new ColourAlignment(offset(colour, expected, width, height, 1, 0),
                    offset(colour, expected, width, height, 0, 1), gain(colour, expected));
        }

        private static int[] redMinusBlue(byte[] bgr) {
            int[] difference = new int[bgr.length / 3];
            for (int i = 0; i < difference.length; i++) {
                difference[i] = (bgr[3 * i + 2] & 0xFF) - (bgr[3 * i] & 0xFF);
            }
            return difference;
        }

        private static double offset(int[] colour, int[] expected, int width, int height, int stepX, int stepY) {
            double[] squared = new double[3];
            for (int shift = -1; shift <= 1; shift++) {
                for (int y = 1; y < height - 1; y++) {
                    for (int x = 1; x < width - 1; x++) {
                        double d = colour[(y + shift * stepY) * width + x + shift * stepX] - expected[y * width + x];
                        squared[shift + 1] += d * d;
                    }
                }
            }
            double curvature = squared[0] - 2 * squared[1] + squared[2];
            return curvature == 0 ? 0 : 0.5 * (squared[0] - squared[2]) / curvature;
        }

        private static double gain(int[] colour, int[] expected) {
            double meanColour = Arrays.stream(colour).average().orElseThrow();
            double meanExpected = Arrays.stream(expected).average().orElseThrow();
            double covariance = 0;
            double variance = 0;
            for (int i = 0; i < colour.length; i++) {
                covariance += (colour[i] - meanColour) * (expected[i] - meanExpected);
                variance += (expected[i] - meanExpected) * (expected[i] - meanExpected);
            }
            return covariance / variance;
        }
    }

    private static double psnr(byte[] image, byte[] reference) {
        double squared = 0;
        for (int i = 0; i < image.length; i++) {
            int d = (image[i] & 0xFF) - (reference[i] & 0xFF);
            squared += d * d;
        }
        return 10 * Math.log10(255.0 * 255.0 * image.length / squared);
    }

    private static int largestDifference(byte[] image, byte[] reference) {
        int largest = 0;
        for (int i = 0; i < image.length; i++) {
            largest = Math.max(largest, Math.abs((image[i] & 0xFF) - (reference[i] & 0xFF)));
        }
        return largest;
    }

    /** The pixels of a continuous 8-bit image. */
    private static byte[] bytes(Mat image) {
        byte[] pixels = new byte[(int) (image.total() * image.channels())];
        image.data().get(pixels);
        return pixels;
    }
}
