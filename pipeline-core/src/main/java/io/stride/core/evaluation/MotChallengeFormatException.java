package io.stride.core.evaluation;

/** A line of MOTChallenge text that cannot be read; the message starts with its line number. */
public class MotChallengeFormatException extends IllegalArgumentException {

    private final int lineNumber;

    public MotChallengeFormatException(int lineNumber, String problem) {
        super("line " + lineNumber + ": " + problem);
        this.lineNumber = lineNumber;
    }

    /** The line, counted from 1 over every line including blank ones. */
    public int lineNumber() {
        return lineNumber;
    }
}
