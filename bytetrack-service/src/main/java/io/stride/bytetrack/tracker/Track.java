package io.stride.bytetrack.tracker;

/** One tracked object: its id, Kalman state and bookkeeping ({@code STrack} of the official code). */
final class Track {

    private static final int HEIGHT_VELOCITY = 7;

    private final int id;
    private final int startFrame;
    private KalmanState state;
    private TrackState trackState = TrackState.TRACKED;
    /** A track is confirmed once matched in a second frame, or at once when born in the tracker's first frame. */
    private boolean confirmed;
    private double score;
    private int classId;
    private int lastFrame;

    private Track(int id, KalmanState state, Candidate detection, int frame, boolean confirmed) {
        this.id = id;
        this.state = state;
        this.score = detection.score();
        this.classId = detection.classId();
        this.startFrame = frame;
        this.lastFrame = frame;
        this.confirmed = confirmed;
    }

    private Track(TrackSnapshot snapshot) {
        this.id = snapshot.id();
        this.startFrame = snapshot.startFrame();
        this.state = snapshot.kalman();
        this.trackState = snapshot.state();
        this.confirmed = snapshot.confirmed();
        this.score = snapshot.score();
        this.classId = snapshot.classId();
        this.lastFrame = snapshot.lastFrame();
    }

    static Track start(int id, Candidate detection, KalmanFilter filter, int frame, boolean confirmed) {
        return new Track(id, filter.initiate(detection.xyah()), detection, frame, confirmed);
    }

    /** The track as it was when {@link #snapshot()} took it; the Kalman state is shared, as it never changes. */
    static Track restore(TrackSnapshot snapshot) {
        return new Track(snapshot);
    }

    TrackSnapshot snapshot() {
        return new TrackSnapshot(id, startFrame, lastFrame, trackState, confirmed, score, classId, state);
    }

    /** Moves the state one frame ahead; a track not matched last frame stops growing or shrinking. */
    void predict(KalmanFilter filter) {
        KalmanState current = state;
        if (trackState != TrackState.TRACKED) {
            double[] mean = current.mean().clone();
            mean[HEIGHT_VELOCITY] = 0;
            current = new KalmanState(mean, current.covariance());
        }
        state = filter.predict(current);
    }

    /** Corrects the state with a matched detection; also how a lost track is found again under its old id. */
    void update(Candidate detection, KalmanFilter filter, int frame) {
        state = filter.update(state, detection.xyah());
        trackState = TrackState.TRACKED;
        confirmed = true;
        score = detection.score();
        classId = detection.classId();
        lastFrame = frame;
    }

    void markLost() {
        trackState = TrackState.LOST;
    }

    void markRemoved() {
        trackState = TrackState.REMOVED;
    }

    /** The estimated box {@code (x1, y1, x2, y2)}. */
    double[] tlbr() {
        double w = state.width();
        double h = state.height();
        double x1 = state.centerX() - w / 2;
        double y1 = state.centerY() - h / 2;
        return new double[] {x1, y1, x1 + w, y1 + h};
    }

    int id() {
        return id;
    }

    TrackState state() {
        return trackState;
    }

    KalmanState kalman() {
        return state;
    }

    boolean confirmed() {
        return confirmed;
    }

    double score() {
        return score;
    }

    int classId() {
        return classId;
    }

    int lastFrame() {
        return lastFrame;
    }

    /** Frames between the first and the latest match: the official tie-break for duplicate tracks. */
    int age() {
        return lastFrame - startFrame;
    }
}
