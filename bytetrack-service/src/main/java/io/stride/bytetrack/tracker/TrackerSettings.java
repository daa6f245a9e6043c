package io.stride.bytetrack.tracker;

/**
 * Parameters of one {@link ByteTracker}. The defaults are those of the official ByteTrack
 * ({@code ifzhang/ByteTrack}, {@code tools/demo_track.py} and {@code yolox/tracker/byte_tracker.py}).
 *
 * @param trackThresh            detections scoring above this are "high" and take part in the first association
 * @param lowThresh              detections scoring above this (and below {@code trackThresh}) are "low" and may only
 *                               continue a tracked track in the second association; anything at or below is ignored
 * @param newTrackMargin         a high detection left unmatched starts a track only when its score is at least
 *                               {@code trackThresh + newTrackMargin}
 * @param matchThresh            cost limit of the first association (1 − IoU·score with score fusion); the
 *                               cost limits are IoU distances, within (0, 1]
 * @param lowMatchThresh         cost limit (1 − IoU) of the second association, tracked tracks to low detections
 * @param unconfirmedMatchThresh cost limit of matching tracks seen in one frame only to the high detections left
 * @param trackBuffer            frames a lost track is kept at 30 fps; scaled by the real frame rate
 * @param duplicateIouDistance   a tracked and a lost track closer than this IoU distance are duplicates; the
 *                               younger one is dropped
 * @param fuseScore              multiply IoU by the detection score before matching (off in the official MOT20 mode)
 * @param minBoxArea             tracks whose box area is not above this are not reported (still tracked)
 * @param maxAspectRatio         tracks whose width / height is above this are not reported: upright people are
 *                               narrower than tall, so a wide box is a false positive or a merged pair
 * @param stdWeightPosition      Kalman position noise as a fraction of the box height
 * @param stdWeightVelocity      Kalman velocity noise as a fraction of the box height
 */
public record TrackerSettings(
        double trackThresh,
        double lowThresh,
        double newTrackMargin,
        double matchThresh,
        double lowMatchThresh,
        double unconfirmedMatchThresh,
        int trackBuffer,
        double duplicateIouDistance,
        boolean fuseScore,
        double minBoxArea,
        double maxAspectRatio,
        double stdWeightPosition,
        double stdWeightVelocity) {

    public static final double TRACK_THRESH = 0.5;
    public static final double LOW_THRESH = 0.1;
    public static final double NEW_TRACK_MARGIN = 0.1;
    public static final double MATCH_THRESH = 0.8;
    public static final double LOW_MATCH_THRESH = 0.5;
    public static final double UNCONFIRMED_MATCH_THRESH = 0.7;
    public static final int TRACK_BUFFER = 30;
    public static final double DUPLICATE_IOU_DISTANCE = 0.15;
    public static final double MIN_BOX_AREA = 10;
    public static final double MAX_ASPECT_RATIO = 1.6;
    public static final double STD_WEIGHT_POSITION = 1.0 / 20;
    public static final double STD_WEIGHT_VELOCITY = 1.0 / 160;

    /** The frame rate {@link #trackBuffer()} is given for. */
    public static final double BUFFER_REFERENCE_FPS = 30.0;

    public TrackerSettings {
        requireFraction("trackThresh", trackThresh);
        requireFraction("lowThresh", lowThresh);
        if (lowThresh > trackThresh) {
            throw new IllegalArgumentException("lowThresh " + lowThresh + " is above trackThresh " + trackThresh);
        }
        requireNonNegative("newTrackMargin", newTrackMargin);
        // IoU distances are at most 1: with a limit above 1 boxes that do not overlap at all could be matched.
        requireDistance("matchThresh", matchThresh);
        requireDistance("lowMatchThresh", lowMatchThresh);
        requireDistance("unconfirmedMatchThresh", unconfirmedMatchThresh);
        if (trackBuffer < 0) {
            throw new IllegalArgumentException("trackBuffer must not be negative: " + trackBuffer);
        }
        requireDistance("duplicateIouDistance", duplicateIouDistance);
        requireNonNegative("minBoxArea", minBoxArea);
        requirePositive("maxAspectRatio", maxAspectRatio);
        requirePositive("stdWeightPosition", stdWeightPosition);
        requirePositive("stdWeightVelocity", stdWeightVelocity);
    }

    /** The official defaults. */
    public static TrackerSettings defaults() {
        return new TrackerSettings(TRACK_THRESH, LOW_THRESH, NEW_TRACK_MARGIN, MATCH_THRESH, LOW_MATCH_THRESH,
                UNCONFIRMED_MATCH_THRESH, TRACK_BUFFER, DUPLICATE_IOU_DISTANCE, true, MIN_BOX_AREA, MAX_ASPECT_RATIO,
                STD_WEIGHT_POSITION, STD_WEIGHT_VELOCITY);
    }

    /** Least score of a detection that may start a track. */
    public double newTrackThresh() {
        return trackThresh + newTrackMargin;
    }

    /** Frames a lost track is kept at the given frame rate: {@code int(fps / 30 × trackBuffer)} as the official. */
    public int maxFramesLost(double fps) {
        return (int) (fps / BUFFER_REFERENCE_FPS * trackBuffer);
    }

    public TrackerSettings withOutputFilter(double newMinBoxArea, double newMaxAspectRatio) {
        return new TrackerSettings(trackThresh, lowThresh, newTrackMargin, matchThresh, lowMatchThresh,
                unconfirmedMatchThresh, trackBuffer, duplicateIouDistance, fuseScore, newMinBoxArea, newMaxAspectRatio,
                stdWeightPosition, stdWeightVelocity);
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be within [0, 1]: " + value);
        }
    }

    private static void requireDistance(String name, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be within (0, 1]: " + value);
        }
    }

    private static void requireNonNegative(String name, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
