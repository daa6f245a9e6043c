package io.stride.backend.analytics;

/** A request body the analysis refuses; the message names the field, e.g. {@code lines[1].to: …}. */
public class InvalidAnalysisRequest extends IllegalArgumentException {

    public InvalidAnalysisRequest(String message) {
        super(message);
    }
}
