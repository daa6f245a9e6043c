package io.stride.rtsp.protocol;

/**
 * Two numbers that travel together in a {@code Transport} header: an RTP and an RTCP port, or an RTP and an
 * RTCP interleaved channel. Written {@code a-b}.
 */
public record PortPair(int rtp, int rtcp) {

    public PortPair {
        if (rtp < 0 || rtcp < 0) {
            throw new IllegalArgumentException("negative port or channel: " + rtp + "-" + rtcp);
        }
    }

    /**
     * Parses {@code a-b}, or a lone {@code a}, which RFC 2326 reads as {@code a} and {@code a+1}.
     *
     * @throws IllegalArgumentException if the text is not one or two non-negative numbers no larger than {@code max}
     */
    public static PortPair parse(String text, int max) {
        String[] parts = text.strip().split("-", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("not a number pair: " + text);
        }
        int first = number(parts[0], max);
        int second = parts.length == 2 ? number(parts[1], max) : first + 1;
        if (second > max) {
            throw new IllegalArgumentException("out of range: " + text);
        }
        return new PortPair(first, second);
    }

    private static int number(String text, int max) {
        String digits = text.strip();
        if (digits.isEmpty() || digits.length() > String.valueOf(max).length() || !digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("not a number: " + text);
        }
        int value = Integer.parseInt(digits);
        if (value > max) {
            throw new IllegalArgumentException("out of range: " + text);
        }
        return value;
    }

    @Override
    public String toString() {
        return rtp + "-" + rtcp;
    }
}
