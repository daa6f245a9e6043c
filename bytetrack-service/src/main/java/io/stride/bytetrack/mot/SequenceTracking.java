package io.stride.bytetrack.mot;

import io.stride.bytetrack.tracker.ByteTracker;
import io.stride.bytetrack.tracker.TrackerSettings;
import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.Detection;
import io.stride.core.frame.TrackedObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Runs the service's {@link ByteTracker} over the detections of one MOTChallenge sequence. */
public final class SequenceTracking {

    /** MOTChallenge detections are all pedestrians; the tracker is class-agnostic anyway. */
    private static final int PEDESTRIAN = 0;

    private SequenceTracking() {
    }

    /**
     * Result rows {@code frame,id,x,y,w,h,score,-1,-1,-1}, frames 1 to {@code info.length()} in order. Frames
     * without detections still advance the tracker, so lost tracks age as in the video.
     */
    public static List<String> track(SequenceInfo info, List<MotRow> detections, TrackerSettings settings) {
        Map<Integer, List<MotRow>> byFrame = MotTextFile.byFrame(detections);
        ByteTracker tracker = new ByteTracker(settings, info.frameRate());
        List<String> lines = new ArrayList<>();
        for (int frame = 1; frame <= info.length(); frame++) {
            List<Detection> input = new ArrayList<>();
            for (MotRow row : byFrame.getOrDefault(frame, List.of())) {
                input.add(new Detection(new BoundingBox((float) row.left(), (float) row.top(),
                        (float) (row.left() + row.width()), (float) (row.top() + row.height())),
                        (float) row.column7(), PEDESTRIAN));
            }
            for (TrackedObject track : tracker.update(input)) {
                BoundingBox box = track.box();
                lines.add(String.format(Locale.ROOT, "%d,%d,%.2f,%.2f,%.2f,%.2f,%.3f,-1,-1,-1", frame,
                        track.trackId(), box.x1(), box.y1(), box.width(), box.height(), track.score()));
            }
        }
        return lines;
    }
}
