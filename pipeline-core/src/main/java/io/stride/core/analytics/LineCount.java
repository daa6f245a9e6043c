package io.stride.core.analytics;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/** The crossings of one line, in total and per class name (only classes that crossed, in name order). */
@JsonPropertyOrder({"name", "in", "out", "by_class"})
public record LineCount(
        String name,
        @JsonProperty("in") long crossedIn,
        @JsonProperty("out") long crossedOut,
        @JsonProperty("by_class") Map<String, Crossings> byClass) {

    /** Crossings one way and the other. */
    @JsonPropertyOrder({"in", "out"})
    public record Crossings(@JsonProperty("in") long crossedIn, @JsonProperty("out") long crossedOut) {
    }
}
