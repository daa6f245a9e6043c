package io.stride.core.analytics;

import tools.jackson.databind.json.JsonMapper;

/** How an analysis is written: its analytics as one JSON object, its events one JSON object a line. */
public final class AnalyticsJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AnalyticsJson() {
    }

    public static String result(AnalyticsResult result) {
        return JSON.writeValueAsString(result);
    }

    /** One line of the events (without its line break). */
    public static String event(AnalyticsEvent event) {
        return JSON.writeValueAsString(event);
    }
}
