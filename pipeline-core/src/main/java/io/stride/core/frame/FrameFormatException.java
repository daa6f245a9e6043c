package io.stride.core.frame;

/** A record on a frame topic that is not a frame record of the schema this build reads. */
public class FrameFormatException extends RuntimeException {

    public FrameFormatException(String message) {
        super(message);
    }

    public FrameFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
