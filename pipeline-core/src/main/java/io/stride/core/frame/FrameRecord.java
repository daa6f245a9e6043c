package io.stride.core.frame;

import java.util.List;
import java.util.Objects;

/**
 * The envelope that flows down the chain {@code raw_frames → yolox → bytetrack → rtmpose → annotation}.
 * Each stage adds its results and forwards the JPEG bytes untouched, so no stage joins two topics.
 *
 * <p>A task's last record is an end-of-stream marker ({@link #isEndOfStream()}) that carries the number of
 * frames the video had; it has no image and no results.
 *
 * @param taskId     the task (a UUID string)
 * @param frameIndex 0-based index of the frame in decode order; for end-of-stream, equal to {@code frameCount}
 * @param ptsMicros  presentation time of the frame in microseconds from the start of the video
 * @param fps        the video's average frame rate
 * @param width      frame width in pixels
 * @param height     frame height in pixels
 * @param frameCount total frames in the video: known only on the end-of-stream record, {@code -1} before
 * @param jpeg       the frame as JPEG (BGR source), empty for end-of-stream
 * @param detections detector output (empty until the YOLOX stage)
 * @param tracks     tracker output (empty until the ByteTrack stage)
 * @param poses      pose output, one per tracked person (empty until the RTMPose stage)
 */
public record FrameRecord(
        String taskId,
        long frameIndex,
        long ptsMicros,
        double fps,
        int width,
        int height,
        long frameCount,
        byte[] jpeg,
        List<Detection> detections,
        List<TrackedObject> tracks,
        List<Pose> poses) {

    private static final byte[] NO_IMAGE = new byte[0];

    public FrameRecord {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(jpeg, "jpeg");
        detections = List.copyOf(detections);
        tracks = List.copyOf(tracks);
        poses = List.copyOf(poses);
    }

    /** A decoded frame as the backend publishes it, with no results yet. */
    public static FrameRecord frame(String taskId, long frameIndex, long ptsMicros, double fps,
                                    int width, int height, byte[] jpeg) {
        return new FrameRecord(taskId, frameIndex, ptsMicros, fps, width, height, -1, jpeg,
                List.of(), List.of(), List.of());
    }

    /** The marker after a task's last frame. */
    public static FrameRecord endOfStream(String taskId, long frameCount, double fps, int width, int height) {
        return new FrameRecord(taskId, frameCount, 0, fps, width, height, frameCount, NO_IMAGE,
                List.of(), List.of(), List.of());
    }

    public boolean isEndOfStream() {
        return frameCount >= 0;
    }

    public FrameRecord withDetections(List<Detection> newDetections) {
        return new FrameRecord(taskId, frameIndex, ptsMicros, fps, width, height, frameCount, jpeg,
                newDetections, tracks, poses);
    }

    public FrameRecord withTracks(List<TrackedObject> newTracks) {
        return new FrameRecord(taskId, frameIndex, ptsMicros, fps, width, height, frameCount, jpeg,
                detections, newTracks, poses);
    }

    public FrameRecord withPoses(List<Pose> newPoses) {
        return new FrameRecord(taskId, frameIndex, ptsMicros, fps, width, height, frameCount, jpeg,
                detections, tracks, newPoses);
    }

    @Override
    public String toString() {
        return "FrameRecord[task=" + taskId + ", frame=" + frameIndex
                + (isEndOfStream() ? ", end-of-stream, frames=" + frameCount : ", jpeg=" + jpeg.length + " B")
                + ", detections=" + detections.size() + ", tracks=" + tracks.size() + ", poses=" + poses.size() + "]";
    }
}
