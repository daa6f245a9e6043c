package io.stride.backend.options;

/** Options an upload cannot start with; the message names the field, e.g. {@code options.classes[1]: …}. */
public class InvalidTaskOptions extends IllegalArgumentException {

    /** @param field the field at fault within the options, empty for the options as a whole */
    InvalidTaskOptions(String field, String problem) {
        this("options" + (field.isEmpty() ? "" : "." + field) + ": " + problem);
    }

    private InvalidTaskOptions(String message) {
        super(message);
    }

    /** A refusal whose message already starts with the field within the options, e.g. {@code lines[0].to: …}. */
    static InvalidTaskOptions within(String fieldAndProblem) {
        return new InvalidTaskOptions("options." + fieldAndProblem);
    }
}
