package io.stride.core.model;

/** A model that cannot be used: missing file, unreadable graph, or inputs and outputs of the wrong shape. */
public class ModelLoadException extends RuntimeException {

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
