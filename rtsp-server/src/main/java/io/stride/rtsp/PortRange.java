package io.stride.rtsp;

/**
 * The UDP ports the server sends RTP and RTCP to UDP readers from. Each track a UDP reader sets up takes one
 * pair (even port for RTP, the next odd one for RTCP); when the range is used up, a UDP SETUP gets
 * {@code 461 Unsupported Transport} and players fall back to TCP.
 *
 * @param first first port of the range, or 0 for ports the operating system picks (tests)
 * @param last  last port of the range; ignored when {@code first} is 0
 */
public record PortRange(int first, int last) {

    private static final int MAX_PORT = 0xFFFF;

    public PortRange {
        if (first != 0 && (first < 1 || last > MAX_PORT || firstEven(first) + 1 > last)) {
            throw new IllegalArgumentException(
                    "a UDP port range needs at least one even/odd pair within 1..65535, got " + first + "-" + last);
        }
    }

    /** The RTP port of the first pair: RTP takes even ports, RTCP the odd one above (RFC 3550 §11). */
    public static int firstEven(int port) {
        return port % 2 == 0 ? port : port + 1;
    }

    /** Ports chosen by the operating system, for tests that must not collide. */
    public static PortRange ephemeral() {
        return new PortRange(0, 0);
    }

    public boolean isEphemeral() {
        return first == 0;
    }

    @Override
    public String toString() {
        return isEphemeral() ? "ephemeral" : first + "-" + last;
    }
}
