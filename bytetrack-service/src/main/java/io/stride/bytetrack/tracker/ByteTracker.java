package io.stride.bytetrack.tracker;

import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.Detection;
import io.stride.core.frame.TrackedObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ByteTrack (Zhang et al., ECCV 2022) for one video, after the official {@code yolox/tracker/byte_tracker.py}.
 * Every detection box counts: high-score detections are associated first with all tracks, then the tracks left
 * over get a second chance with the low-score detections, which are mostly occluded people the detector was
 * unsure about. Class-agnostic like the official: all detections fed in share one pool of tracks.
 *
 * <p>Differences from the official code, none of which changes a normal frame: a lost track that runs out of
 * buffer is dropped at once (the official keeps it in the lost list one more frame by the order of its list
 * updates, where it can still be matched although marked removed), removed tracks are not kept (the official
 * list grows for the whole video), and IoU uses continuous coordinates ({@link IouDistance}).
 *
 * <p>Deterministic: the same detections in the same order give the same ids. Ids start at 1. Not thread-safe;
 * one instance per video.
 */
public final class ByteTracker {

    private final TrackerSettings settings;
    private final KalmanFilter filter;
    private final int maxFramesLost;
    /*
     * Scores arrive as floats: thresholds are compared at float precision, so that a detector's 0.1f counts as
     * equal to a threshold of 0.1 rather than a hair above it.
     */
    private final float trackThresh;
    private final float lowThresh;
    private final float newTrackThresh;
    private List<Track> tracked = new ArrayList<>();
    private List<Track> lost = new ArrayList<>();
    private int frame;
    private int lastId;

    /** @param fps frame rate of the video; scales the lost-track buffer */
    public ByteTracker(TrackerSettings settings, double fps) {
        this(settings, settings.maxFramesLost(requirePositive(fps)));
    }

    private ByteTracker(TrackerSettings settings, int maxFramesLost) {
        this.settings = settings;
        this.filter = new KalmanFilter(settings.stdWeightPosition(), settings.stdWeightVelocity());
        this.maxFramesLost = maxFramesLost;
        this.trackThresh = (float) settings.trackThresh();
        this.lowThresh = (float) settings.lowThresh();
        this.newTrackThresh = (float) settings.newTrackThresh();
    }

    /**
     * A tracker in the state {@code snapshot} was taken in: fed the same detections from there on, it returns what
     * the tracker it was taken from returns, bit for bit. The settings are the caller's, as for a new tracker; the
     * lost-track buffer is the snapshot's, since it depends on the video's frame rate.
     */
    public static ByteTracker restore(TrackerSettings settings, TrackerSnapshot snapshot) {
        ByteTracker tracker = new ByteTracker(settings, snapshot.maxFramesLost());
        tracker.frame = snapshot.frame();
        tracker.lastId = snapshot.lastId();
        tracker.tracked = restore(snapshot.tracked());
        tracker.lost = restore(snapshot.lost());
        return tracker;
    }

    /**
     * Everything that decides this tracker's future output. Removed tracks are not in it: the tracker keeps none
     * ({@link ByteTracker}), and their ids are never reused, which {@link TrackerSnapshot#lastId()} ensures.
     */
    public TrackerSnapshot snapshot() {
        return new TrackerSnapshot(frame, lastId, maxFramesLost, snapshot(tracked), snapshot(lost));
    }

    /**
     * Advances by one frame and returns the confirmed tracks of this frame whose box passes the output filter
     * (area above {@link TrackerSettings#minBoxArea()}, width / height not above
     * {@link TrackerSettings#maxAspectRatio()}), with boxes as estimated by the Kalman filter.
     */
    public List<TrackedObject> update(List<Detection> detections) {
        return updateAt(frame + 1, detections);
    }

    /**
     * Advances to frame number {@code frameNumber} of the video's nominal frame rate, as {@link #update} does by
     * one frame: the frames in between count as passed for the lost-track buffer. A live source whose frames were
     * dropped advances by the time that passed, so a lost track is kept for the same time however many frames
     * came meanwhile.
     *
     * @param frameNumber 1 for the first frame; above the frame this tracker is at
     */
    public List<TrackedObject> updateAt(int frameNumber, List<Detection> detections) {
        if (frameNumber <= frame) {
            throw new IllegalArgumentException("frame " + frameNumber + " is not after frame " + frame);
        }
        boolean firstFrame = frame == 0;
        if (frameNumber > frame + 1) {
            // Lost tracks whose buffer ran out in the frames skipped would have been dropped there.
            lost = lost.stream().filter(track -> frameNumber - 1 - track.lastFrame() <= maxFramesLost).toList();
        }
        frame = frameNumber;
        List<Candidate> high = new ArrayList<>();
        List<Candidate> low = new ArrayList<>();
        for (Detection detection : detections) {
            if (!hasArea(detection.box())) {
                continue;
            }
            float score = detection.score();
            // As the official: a score exactly at trackThresh is neither high nor low.
            if (score > trackThresh) {
                high.add(Candidate.of(detection));
            } else if (score > lowThresh && score < trackThresh) {
                low.add(Candidate.of(detection));
            }
        }

        List<Track> unconfirmed = new ArrayList<>();
        List<Track> confirmed = new ArrayList<>();
        for (Track track : tracked) {
            (track.confirmed() ? confirmed : unconfirmed).add(track);
        }
        List<Track> activated = new ArrayList<>();
        List<Track> refound = new ArrayList<>();
        List<Track> newlyLost = new ArrayList<>();
        List<Track> removed = new ArrayList<>();

        // First association: every confirmed or lost track against the high-score detections.
        List<Track> pool = union(confirmed, lost);
        for (Track track : pool) {
            track.predict(filter);
        }
        SparseCosts cost = IouDistance.overlapping(boxes(pool), candidateBoxes(high));
        if (settings.fuseScore()) {
            cost = IouDistance.fuseScores(cost, scores(high));
        }
        Matching first = LinearAssignment.solve(cost, settings.matchThresh());
        for (int[] pair : first.pairs()) {
            Track track = pool.get(pair[0]);
            boolean wasTracked = track.state() == TrackState.TRACKED;
            track.update(high.get(pair[1]), filter, frame);
            (wasTracked ? activated : refound).add(track);
        }

        // Second association: tracked tracks left over against the low-score detections, IoU only.
        List<Track> leftTracked = new ArrayList<>();
        for (int row : first.unmatchedRows()) {
            if (pool.get(row).state() == TrackState.TRACKED) {
                leftTracked.add(pool.get(row));
            }
        }
        Matching second = LinearAssignment.solve(
                IouDistance.overlapping(boxes(leftTracked), candidateBoxes(low)), settings.lowMatchThresh());
        for (int[] pair : second.pairs()) {
            Track track = leftTracked.get(pair[0]);
            track.update(low.get(pair[1]), filter, frame);
            activated.add(track);
        }
        for (int row : second.unmatchedRows()) {
            Track track = leftTracked.get(row);
            track.markLost();
            newlyLost.add(track);
        }

        // Tracks born last frame get the high-score detections nobody took; unmatched, they were noise.
        List<Candidate> leftHigh = new ArrayList<>();
        for (int column : first.unmatchedColumns()) {
            leftHigh.add(high.get(column));
        }
        cost = IouDistance.overlapping(boxes(unconfirmed), candidateBoxes(leftHigh));
        if (settings.fuseScore()) {
            cost = IouDistance.fuseScores(cost, scores(leftHigh));
        }
        Matching third = LinearAssignment.solve(cost, settings.unconfirmedMatchThresh());
        for (int[] pair : third.pairs()) {
            Track track = unconfirmed.get(pair[0]);
            track.update(leftHigh.get(pair[1]), filter, frame);
            activated.add(track);
        }
        for (int row : third.unmatchedRows()) {
            Track track = unconfirmed.get(row);
            track.markRemoved();
            removed.add(track);
        }

        // New tracks from confident detections still unmatched; confirmed at once only in the first frame.
        for (int column : third.unmatchedColumns()) {
            Candidate detection = leftHigh.get(column);
            if (detection.score() >= newTrackThresh) {
                activated.add(Track.start(++lastId, detection, filter, frame, firstFrame));
            }
        }

        for (Track track : lost) {
            if (frame - track.lastFrame() > maxFramesLost) {
                track.markRemoved();
                removed.add(track);
            }
        }

        List<Track> stillTracked = new ArrayList<>();
        for (Track track : tracked) {
            if (track.state() == TrackState.TRACKED) {
                stillTracked.add(track);
            }
        }
        tracked = union(union(stillTracked, activated), refound);
        List<Track> nextLost = new ArrayList<>(minus(lost, tracked));
        nextLost.addAll(newlyLost);
        lost = minus(nextLost, removed);
        removeDuplicates();

        return report();
    }

    /** The frame number this tracker is at: 0 before its first update. */
    public int frameNumber() {
        return frame;
    }

    /** Tracks currently followed or lost-but-kept: the tracker's working set. */
    public int liveTracks() {
        return tracked.size() + lost.size();
    }

    private List<TrackedObject> report() {
        List<TrackedObject> out = new ArrayList<>();
        for (Track track : tracked) {
            if (!track.confirmed()) {
                continue;
            }
            double[] box = track.tlbr();
            double w = box[2] - box[0];
            double h = box[3] - box[1];
            if (w * h > settings.minBoxArea() && w / h <= settings.maxAspectRatio()) {
                out.add(new TrackedObject(track.id(),
                        new BoundingBox((float) box[0], (float) box[1], (float) box[2], (float) box[3]),
                        (float) track.score(), track.classId()));
            }
        }
        return out;
    }

    /**
     * A tracked and a lost track on almost the same box are one object seen twice (a lost track's prediction
     * drifting onto a new track): the one followed for fewer frames goes, the tracked one on a tie.
     */
    private void removeDuplicates() {
        if (tracked.isEmpty() || lost.isEmpty()) {
            return;
        }
        SparseCosts distance = IouDistance.overlapping(boxes(tracked), boxes(lost));
        Set<Integer> dropTracked = new HashSet<>();
        Set<Integer> dropLost = new HashSet<>();
        for (int e = 0; e < distance.size(); e++) {
            if (distance.cost()[e] < settings.duplicateIouDistance()) {
                int p = distance.row()[e];
                int q = distance.column()[e];
                if (tracked.get(p).age() > lost.get(q).age()) {
                    dropLost.add(q);
                } else {
                    dropTracked.add(p);
                }
            }
        }
        tracked = without(tracked, dropTracked);
        lost = without(lost, dropLost);
    }

    private static double requirePositive(double fps) {
        if (!(fps > 0)) {
            throw new IllegalArgumentException("frame rate must be positive: " + fps);
        }
        return fps;
    }

    private static List<TrackSnapshot> snapshot(List<Track> tracks) {
        return tracks.stream().map(Track::snapshot).toList();
    }

    private static List<Track> restore(List<TrackSnapshot> tracks) {
        List<Track> restored = new ArrayList<>(tracks.size());
        for (TrackSnapshot track : tracks) {
            restored.add(Track.restore(track));
        }
        return restored;
    }

    /** A box without width or height has no aspect ratio to filter with; the official would divide by zero. */
    private static boolean hasArea(BoundingBox box) {
        return box.width() > 0 && box.height() > 0 && Float.isFinite(box.x1()) && Float.isFinite(box.y1())
                && Float.isFinite(box.x2()) && Float.isFinite(box.y2());
    }

    private static List<Track> without(List<Track> tracks, Set<Integer> indices) {
        if (indices.isEmpty()) {
            return tracks;
        }
        List<Track> kept = new ArrayList<>(tracks.size());
        for (int i = 0; i < tracks.size(); i++) {
            if (!indices.contains(i)) {
                kept.add(tracks.get(i));
            }
        }
        return kept;
    }

    /** a then the tracks of b whose id is not in a, in order. */
    private static List<Track> union(List<Track> a, List<Track> b) {
        Map<Integer, Track> byId = new LinkedHashMap<>();
        for (Track track : a) {
            byId.putIfAbsent(track.id(), track);
        }
        for (Track track : b) {
            byId.putIfAbsent(track.id(), track);
        }
        return new ArrayList<>(byId.values());
    }

    /** The tracks of a whose id is not in b, in order. */
    private static List<Track> minus(List<Track> a, List<Track> b) {
        Set<Integer> ids = new HashSet<>();
        for (Track track : b) {
            ids.add(track.id());
        }
        List<Track> rest = new ArrayList<>(a.size());
        for (Track track : a) {
            if (!ids.contains(track.id())) {
                rest.add(track);
            }
        }
        return rest;
    }

    private static List<double[]> boxes(List<Track> tracks) {
        List<double[]> boxes = new ArrayList<>(tracks.size());
        for (Track track : tracks) {
            boxes.add(track.tlbr());
        }
        return boxes;
    }

    private static List<double[]> candidateBoxes(List<Candidate> candidates) {
        List<double[]> boxes = new ArrayList<>(candidates.size());
        for (Candidate candidate : candidates) {
            boxes.add(candidate.tlbr());
        }
        return boxes;
    }

    private static double[] scores(List<Candidate> candidates) {
        double[] scores = new double[candidates.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = candidates.get(i).score();
        }
        return scores;
    }
}
