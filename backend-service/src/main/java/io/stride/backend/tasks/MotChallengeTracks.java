package io.stride.backend.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the annotations' JSON Lines into the MOTChallenge tracking format that evaluation tools (TrackEval,
 * py-motmetrics) read: one line per tracked box, {@code frame,id,left,top,width,height,score,-1,-1,-1}, frames
 * counted from 1 as MOTChallenge does (the annotations count from 0). Pixels keep the annotations' two decimals.
 */
public final class MotChallengeTracks {

    /** MOTChallenge's unused world coordinates x, y, z of a 2D result. */
    private static final String NO_WORLD_COORDINATES = ",-1,-1,-1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MotChallengeTracks() {
    }

    /**
     * The MOTChallenge lines (without line breaks) of one annotations line, in the order of its tracks.
     *
     * @throws IllegalArgumentException when the line is not a frame of the annotations file
     */
    public static List<String> rows(String annotationsLine) {
        JsonNode frame;
        try {
            frame = JSON.readTree(annotationsLine);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a JSON line: " + e.getOriginalMessage(), e);
        }
        JsonNode index = frame.get("frame");
        JsonNode tracks = frame.get("tracks");
        if (index == null || !index.canConvertToLong() || tracks == null || !tracks.isArray()) {
            throw new IllegalArgumentException("not a frame of the annotations: " + annotationsLine);
        }
        long motFrame = index.asLong() + 1;
        List<String> rows = new ArrayList<>(tracks.size());
        for (JsonNode track : tracks) {
            JsonNode box = track.get("box");
            double left = box.get(0).asDouble();
            double top = box.get(1).asDouble();
            rows.add(motFrame + "," + track.get("track_id").asInt() + ","
                    + pixels(left) + "," + pixels(top) + ","
                    + pixels(box.get(2).asDouble() - left) + "," + pixels(box.get(3).asDouble() - top) + ","
                    + String.format(Locale.ROOT, "%.4f", track.get("score").asDouble()) + NO_WORLD_COORDINATES);
        }
        return rows;
    }

    private static String pixels(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
