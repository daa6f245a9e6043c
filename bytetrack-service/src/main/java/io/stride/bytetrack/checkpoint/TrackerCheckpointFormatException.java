package io.stride.bytetrack.checkpoint;

/** Bytes that are not a checkpoint this build can read: another format version, truncated, or corrupt. */
public final class TrackerCheckpointFormatException extends RuntimeException {

    TrackerCheckpointFormatException(String message) {
        super(message);
    }

    TrackerCheckpointFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
