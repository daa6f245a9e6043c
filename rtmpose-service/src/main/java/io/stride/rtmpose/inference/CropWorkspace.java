package io.stride.rtmpose.inference;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import io.stride.rtmpose.pose.AffineTransform;
import io.stride.rtmpose.pose.InputSize;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The native memory one inference call works in, kept between calls so a frame allocates nothing: the crop
 * image, the warp matrix, and the direct buffer ONNX Runtime reads the input tensor from without copying.
 * Used by one thread at a time.
 */
final class CropWorkspace implements AutoCloseable {

    private static final int CHANNELS = 3;

    private final InputSize inputSize;
    private final Mat crop;
    private final ByteBuffer cropPixels;
    private final Mat warp;
    private final DoubleIndexer warpValues;
    private final Size cropSize;
    /** Outside the frame the crop is black, as with OpenCV's default border in mmpose's {@code warpAffine}. */
    private final Scalar border = new Scalar(0.0);
    private FloatBuffer tensor = FloatBuffer.allocate(0);

    CropWorkspace(InputSize inputSize) {
        this.inputSize = inputSize;
        this.crop = new Mat(inputSize.height(), inputSize.width(), CV_8UC3);
        this.cropPixels = crop.data().capacity((long) inputSize.pixels() * CHANNELS).asByteBuffer();
        this.warp = new Mat(2, 3, CV_64F);
        this.warpValues = warp.createIndexer();
        this.cropSize = new Size(inputSize.width(), inputSize.height());
    }

    /** Warps the region of {@code frame} that {@code frameToInput} maps onto the model input into the crop. */
    ByteBuffer crop(Mat frame, AffineTransform frameToInput) {
        if (frame.type() != CV_8UC3) {
            // warpAffine would reallocate the crop to the frame's type and leave the pixel view dangling.
            throw new IllegalArgumentException("frame must be an 8-bit BGR image, got OpenCV type " + frame.type());
        }
        double[] m = frameToInput.toRowMajor();
        for (int i = 0; i < m.length; i++) {
            warpValues.put(i / 3, i % 3, m[i]);
        }
        warpAffine(frame, crop, warp, cropSize, INTER_LINEAR, BORDER_CONSTANT, border);
        return cropPixels;
    }

    /**
     * The tensor buffer for {@code images} input images, positioned for ONNX Runtime to read all of it. Slots from
     * {@code filled} on are zeroed: a fixed-batch model gets blank padding images, not a previous frame's crops.
     */
    FloatBuffer tensor(int images, int filled) {
        int imageLength = CHANNELS * inputSize.pixels();
        int length = images * imageLength;
        if (tensor.capacity() < length) {
            tensor = ByteBuffer.allocateDirect(length * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }
        tensor.clear().limit(length);
        for (int i = filled * imageLength; i < length; i++) {
            tensor.put(i, 0f);
        }
        return tensor;
    }

    @Override
    public void close() {
        warpValues.close();
        warp.close();
        crop.close();
        cropSize.close();
        border.close();
    }
}
