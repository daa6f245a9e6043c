package io.stride.core.analytics;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The tracks of one frame, as one line of a task's JSON Lines holds them; detections and poses are not needed. */
public record TrackedFrame(long frame, long ptsUs, List<TrackPosition> tracks) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public TrackedFrame {
        tracks = List.copyOf(tracks);
    }

    /**
     * One line of the JSON Lines: {@code {"frame", "pts_us", "tracks": [{"track_id", "box": [x1,y1,x2,y2],
     * "class_id"}, …], …}}.
     *
     * @throws IllegalArgumentException when the line is not such a frame
     */
    public static TrackedFrame parse(String jsonLine) {
        JsonNode line;
        try {
            line = JSON.readTree(jsonLine);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode frame = line.path("frame");
        JsonNode pts = line.path("pts_us");
        JsonNode tracks = line.path("tracks");
        if (!frame.canConvertToLong() || !pts.canConvertToLong() || !tracks.isArray()) {
            throw new IllegalArgumentException("not a frame of the annotations (frame, pts_us, tracks)");
        }
        List<TrackPosition> positions = new ArrayList<>(tracks.size());
        for (JsonNode track : tracks) {
            JsonNode box = track.path("box");
            if (!track.path("track_id").canConvertToInt() || !box.isArray() || box.size() != 4) {
                throw new IllegalArgumentException("a track without track_id or box [x1,y1,x2,y2]: " + track);
            }
            positions.add(TrackPosition.ofBox(track.get("track_id").asInt(), track.path("class_id").asInt(0),
                    box.get(0).asDouble(), box.get(1).asDouble(), box.get(2).asDouble(), box.get(3).asDouble()));
        }
        return new TrackedFrame(frame.asLong(), pts.asLong(), positions);
    }
}
