package io.stride.core.topic;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The stage services in the order frames flow through them: what each consumes and produces, the consumer group
 * its instances share, and the name it signs its task events and metrics with. Adding a stage is adding a
 * constant here (and a {@link Stage} topic family when it produces one).
 */
public enum StageId {
    YOLOX(Stage.RAW_FRAMES, Stage.YOLOX),
    BYTETRACK(Stage.YOLOX, Stage.BYTETRACK),
    RTMPOSE(Stage.BYTETRACK, Stage.RTMPOSE),
    /** The last stage: it writes the task's results, not a topic. */
    ANNOTATION(Stage.RTMPOSE, null);

    private final Stage input;
    private final Stage output;
    private final String id;

    StageId(Stage input, Stage output) {
        this.input = input;
        this.output = output;
        this.id = name().toLowerCase(Locale.ROOT);
    }

    /** The name in task events ({@code source}), metrics ({@code stage} tag) and configuration, e.g. {@code yolox}. */
    public String id() {
        return id;
    }

    /** The topic family the stage consumes by pattern. */
    public Stage input() {
        return input;
    }

    /** The topic family the stage produces to; empty for the last stage. */
    public Optional<Stage> output() {
        return Optional.ofNullable(output);
    }

    /** The consumer group every instance of the stage joins. */
    public String groupId() {
        return "stride-" + id;
    }

    /** The stage whose completion completes a task. */
    public static StageId last() {
        StageId[] all = values();
        return all[all.length - 1];
    }

    /** Every stage, in flow order. */
    public static List<StageId> inOrder() {
        return List.of(values());
    }

    /** The stage named {@code id} ({@link #id()}), if there is one. */
    public static Optional<StageId> of(String id) {
        return Arrays.stream(values()).filter(stage -> stage.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
