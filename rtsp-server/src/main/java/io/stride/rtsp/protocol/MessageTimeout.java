package io.stride.rtsp.protocol;

import java.time.Duration;

/**
 * The user event {@link RtspMessageFramer} fires when a connection is too slow to deliver a message: its first
 * request did not arrive whole within the timeout of connecting, or a later request or interleaved packet did not
 * within the timeout of its first byte. The framer reads nothing more; the connection should be closed.
 *
 * @param beforeFirstRequest whether the connection had not completed a single request yet
 * @param timeout            the timeout that passed
 */
public record MessageTimeout(boolean beforeFirstRequest, Duration timeout) {
}
