package io.stride.core.topic;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The per-task topics in the order frames flow through them. Each stage service consumes one of these by
 * pattern and produces to {@link #next()}; the annotation service consumes {@link #RTMPOSE} and produces no topic.
 */
public enum Stage {
    RAW_FRAMES("raw_frames"),
    YOLOX("yolox"),
    BYTETRACK("bytetrack"),
    RTMPOSE("rtmpose");

    private final String prefix;

    Stage(String prefix) {
        this.prefix = prefix;
    }

    /** The topic of this stage for one task, e.g. {@code yolox_3f2a…}. */
    public String topic(String taskId) {
        return prefix + "_" + taskId;
    }

    /** Matches this stage's topic of every task (and only of this stage: task ids are UUIDs). */
    public Pattern pattern() {
        return Pattern.compile(Pattern.quote(prefix + "_") + TopicNames.UUID_REGEX);
    }

    /** The task id of one of this stage's topics, if the topic is one. */
    public Optional<String> taskIdOf(String topic) {
        if (topic.startsWith(prefix + "_") && pattern().matcher(topic).matches()) {
            return Optional.of(topic.substring(prefix.length() + 1));
        }
        return Optional.empty();
    }

    /** The stage that consumes what this one produces, empty for the last topic. */
    public Optional<Stage> next() {
        Stage[] all = values();
        return ordinal() + 1 < all.length ? Optional.of(all[ordinal() + 1]) : Optional.empty();
    }

    public String prefix() {
        return prefix;
    }
}
