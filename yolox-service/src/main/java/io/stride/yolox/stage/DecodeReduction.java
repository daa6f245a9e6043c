package io.stride.yolox.stage;

/**
 * How much smaller than the frame its JPEG can be decoded for the detector. The letterbox shrinks a 1280x720
 * frame to 416x234 anyway; decoding it at half size (libjpeg scales in the DCT domain) costs a fraction of a
 * full decode and leaves more pixels than the model sees. Never reduces below the model's input scale.
 */
final class DecodeReduction {

    /** libjpeg's largest scale-down. */
    static final int MAX = 8;

    private DecodeReduction() {
    }

    /** The largest of 1, 2, 4 and 8 that keeps the decoded frame at least as large as the letterbox needs. */
    static int factor(int frameWidth, int frameHeight, int inputWidth, int inputHeight) {
        double scale = Math.min((double) inputWidth / frameWidth, (double) inputHeight / frameHeight);
        int factor = 1;
        while (factor < MAX && 2 * factor * scale <= 1) {
            factor *= 2;
        }
        return factor;
    }
}
