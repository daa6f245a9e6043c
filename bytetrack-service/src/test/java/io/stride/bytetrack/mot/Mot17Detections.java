package io.stride.bytetrack.mot;

import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.Detection;
import io.stride.core.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MOT17-02's public FRCNN detections (600 frames of a busy square, 30 fps) as the detector stage would hand them
 * over: one list per frame, class 0 (person). A long, real input for tests of the tracker's state.
 */
public final class Mot17Detections {

    public static final String SEQUENCE = "mot17/MOT17-02-FRCNN/";

    private Mot17Detections() {
    }

    public static SequenceInfo info() {
        try {
            return SequenceInfo.read(SharedData.require(SEQUENCE + "seqinfo.ini"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The detections of frames 1..length, at index 0..length-1. */
    public static List<List<Detection>> byFrame() {
        try {
            Map<Integer, List<MotRow>> rows =
                    MotTextFile.byFrame(MotTextFile.read(SharedData.require(SEQUENCE + "det/det.txt")));
            List<List<Detection>> frames = new ArrayList<>();
            for (int frame = 1; frame <= info().length(); frame++) {
                frames.add(rows.getOrDefault(frame, List.of()).stream().map(Mot17Detections::detection).toList());
            }
            return frames;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Detection detection(MotRow row) {
        return new Detection(new BoundingBox((float) row.left(), (float) row.top(),
                (float) (row.left() + row.width()), (float) (row.top() + row.height())), (float) row.column7(), 0);
    }
}
