package io.stride.bytetrack.tracker;

import io.stride.core.frame.Detection;

/** A detection of the current frame in the tracker's double-precision box form. */
record Candidate(double[] tlbr, double score, int classId) {

    static Candidate of(Detection detection) {
        var box = detection.box();
        return new Candidate(new double[] {box.x1(), box.y1(), box.x2(), box.y2()}, detection.score(),
                detection.classId());
    }

    /** {@code (centre x, centre y, width / height, height)}, the Kalman measurement. */
    double[] xyah() {
        double w = tlbr[2] - tlbr[0];
        double h = tlbr[3] - tlbr[1];
        return new double[] {tlbr[0] + w / 2, tlbr[1] + h / 2, w / h, h};
    }
}
