package io.stride.core.analytics;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * How an analysis is written: its analytics as one JSON object, its events one JSON object a line, the records
 * of the live events topic, and an analysis's state.
 */
public final class AnalyticsJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AnalyticsJson() {
    }

    public static String result(AnalyticsResult result) {
        return JSON.writeValueAsString(result);
    }

    /** The analytics as written by {@link #result}. */
    public static AnalyticsResult readResult(String json) {
        return read(json, AnalyticsResult.class);
    }

    /** One line of the events (without its line break). */
    public static String event(AnalyticsEvent event) {
        return JSON.writeValueAsString(event);
    }

    /** The value of one record of the live events topic. */
    public static String liveEvent(LiveEvent event) {
        return JSON.writeValueAsString(event);
    }

    /**
     * A record of the live events topic.
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static LiveEvent readLiveEvent(String json) {
        return read(json, LiveEvent.class);
    }

    public static String state(AnalysisState state) {
        return JSON.writeValueAsString(state);
    }

    /**
     * A state as written by {@link #state}.
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static AnalysisState readState(String json) {
        return read(json, AnalysisState.class);
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not " + type.getSimpleName() + " JSON: " + e.getOriginalMessage(), e);
        }
    }
}
