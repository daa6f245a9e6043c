package io.stride.rtmpose.pose;

/**
 * The two SimCC outputs of one inference call, flattened row-major: {@code x} is {@code [instances, keypoints,
 * binsX]}, {@code y} is {@code [instances, keypoints, binsY]}. Each keypoint has one 1-D classification per axis
 * over sub-pixel bins ({@code bins = input size × simcc_split_ratio}).
 */
public record SimccOutput(float[] x, float[] y, int instances, int keypoints, int binsX, int binsY) {

    public SimccOutput {
        if (instances < 0 || keypoints <= 0 || binsX <= 0 || binsY <= 0) {
            throw new IllegalArgumentException("bad SimCC shape: instances=" + instances + ", keypoints=" + keypoints
                    + ", binsX=" + binsX + ", binsY=" + binsY);
        }
        if (x.length != (long) instances * keypoints * binsX || y.length != (long) instances * keypoints * binsY) {
            throw new IllegalArgumentException("SimCC data of " + x.length + " and " + y.length
                    + " values does not match [" + instances + "," + keypoints + "," + binsX + "] and ["
                    + instances + "," + keypoints + "," + binsY + "]");
        }
    }
}
