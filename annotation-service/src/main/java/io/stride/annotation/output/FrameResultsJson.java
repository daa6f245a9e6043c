package io.stride.annotation.output;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.stride.core.analytics.TrackPosition;
import io.stride.core.analytics.TrackedFrame;
import io.stride.core.frame.CocoClasses;
import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.Detection;
import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.Keypoint;
import io.stride.core.frame.Pose;
import io.stride.core.frame.TrackedObject;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * One frame's results as one line of JSON (no line break), for the task's JSON Lines file:
 * <pre>{"frame":0,"pts_us":0,
 *  "detections":[{"box":[x1,y1,x2,y2],"score":0.9,"class_id":0,"class_name":"person"}],
 *  "tracks":[{"track_id":1,"box":[x1,y1,x2,y2],"score":0.9,"class_id":0}],
 *  "poses":[{"track_id":1,"keypoints":[[x,y,score], …]}]}</pre>
 * Pixel coordinates are rounded to 2 decimals and scores to 4: finer digits are noise from the models and
 * would only make the file bigger.
 */
public final class FrameResultsJson {

    private static final double PIXEL_PRECISION = 100.0;
    private static final double SCORE_PRECISION = 10_000.0;

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private FrameResultsJson() {
    }

    public static String line(FrameRecord frame) {
        var line = new FrameLine(frame.frameIndex(), frame.ptsMicros(),
                frame.detections().stream().map(FrameResultsJson::detection).toList(),
                frame.tracks().stream().map(FrameResultsJson::track).toList(),
                frame.poses().stream().map(FrameResultsJson::pose).toList());
        return JSON.writeValueAsString(line);
    }

    /**
     * The frame's tracks as its line holds them, with the same rounded coordinates: what anyone reading the JSON
     * Lines back ({@link TrackedFrame#parse}) gets, so analytics computed from either agree exactly.
     */
    public static TrackedFrame trackedFrame(FrameRecord frame) {
        return new TrackedFrame(frame.frameIndex(), frame.ptsMicros(), frame.tracks().stream()
                .map(t -> TrackPosition.ofBox(t.trackId(), t.classId(), pixel(t.box().x1()), pixel(t.box().y1()),
                        pixel(t.box().x2()), pixel(t.box().y2())))
                .toList());
    }

    private static DetectionLine detection(Detection d) {
        return new DetectionLine(box(d.box()), score(d.score()), d.classId(), CocoClasses.name(d.classId()));
    }

    private static TrackLine track(TrackedObject t) {
        return new TrackLine(t.trackId(), box(t.box()), score(t.score()), t.classId());
    }

    private static PoseLine pose(Pose p) {
        return new PoseLine(p.trackId(), p.keypoints().stream().map(FrameResultsJson::keypoint).toList());
    }

    private static double[] box(BoundingBox b) {
        return new double[] {pixel(b.x1()), pixel(b.y1()), pixel(b.x2()), pixel(b.y2())};
    }

    private static double[] keypoint(Keypoint k) {
        return new double[] {pixel(k.x()), pixel(k.y()), score(k.score())};
    }

    private static double pixel(float value) {
        return Math.round(value * PIXEL_PRECISION) / PIXEL_PRECISION;
    }

    private static double score(float value) {
        return Math.round(value * SCORE_PRECISION) / SCORE_PRECISION;
    }

    @JsonPropertyOrder({"frame", "pts_us", "detections", "tracks", "poses"})
    record FrameLine(long frame, long ptsUs, List<DetectionLine> detections, List<TrackLine> tracks,
                     List<PoseLine> poses) {
    }

    @JsonPropertyOrder({"box", "score", "class_id", "class_name"})
    record DetectionLine(double[] box, double score, int classId, String className) {
    }

    @JsonPropertyOrder({"track_id", "box", "score", "class_id"})
    record TrackLine(int trackId, double[] box, double score, int classId) {
    }

    @JsonPropertyOrder({"track_id", "keypoints"})
    record PoseLine(int trackId, List<double[]> keypoints) {
    }
}
