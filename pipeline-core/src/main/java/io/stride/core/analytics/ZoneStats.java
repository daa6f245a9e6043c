package io.stride.core.analytics;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What happened in one zone. Dwell times are over every visit, including visits the video ended or the track was
 * lost in (they last until the track's last position inside); 0 when nobody entered.
 */
@JsonPropertyOrder({"name", "entries", "exits", "max_occupancy", "mean_dwell_s", "max_dwell_s"})
public record ZoneStats(
        String name,
        long entries,
        long exits,
        @JsonProperty("max_occupancy") int maxOccupancy,
        @JsonProperty("mean_dwell_s") double meanDwellSeconds,
        @JsonProperty("max_dwell_s") double maxDwellSeconds) {
}
