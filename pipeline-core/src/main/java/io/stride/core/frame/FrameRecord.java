package io.stride.core.frame;

import java.util.List;
import java.util.Objects;

/**
 * The envelope that flows down the chain {@code raw_frames → yolox → bytetrack → rtmpose → annotation}.
 * Each stage adds its results. Only {@code raw_frames} carries the JPEG: the detector forwards results with
 * {@link #imageOffset()}, the frame's offset on {@code raw_frames}, and a later stage that needs the pixels
 * has the stage runtime fetch them from there. A frame is written to the broker once instead of at every hop.
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
 * @param imageOffset offset of this frame's record on the task's {@code raw_frames} topic, {@code -1} while
 *                   unknown (the record the backend publishes carries the image itself)
 * @param options    what the task asks of the stages (classes, score, pose)
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
        List<Pose> poses,
        long imageOffset,
        StageOptions options) {

    private static final byte[] NO_IMAGE = new byte[0];
    private static final long NO_OFFSET = -1;

    public FrameRecord {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(jpeg, "jpeg");
        Objects.requireNonNull(options, "options");
        detections = List.copyOf(detections);
        tracks = List.copyOf(tracks);
        poses = List.copyOf(poses);
    }

    /** A record whose image is not on {@code raw_frames} (yet). */
    public FrameRecord(String taskId, long frameIndex, long ptsMicros, double fps, int width, int height,
                       long frameCount, byte[] jpeg, List<Detection> detections, List<TrackedObject> tracks,
                       List<Pose> poses) {
        this(taskId, frameIndex, ptsMicros, fps, width, height, frameCount, jpeg, detections, tracks, poses,
                NO_OFFSET, StageOptions.DEFAULT);
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

    /** Whether the JPEG travels in this record; otherwise it is on {@code raw_frames} at {@link #imageOffset()}. */
    public boolean hasImage() {
        return jpeg.length > 0;
    }

    /** This record, noting that its image is the record at {@code offset} on {@code raw_frames}. */
    public FrameRecord withImageOffset(long offset) {
        return new FrameRecord(taskId, frameIndex, ptsMicros, fps, width, height, frameCount, jpeg,
                detections, tracks, poses, offset, options);
    }

    /** This record with its image left out, to be fetched from {@code raw_frames} at {@link #imageOffset()}. */
    public FrameRecord withoutImage() {
        return new FrameRecord(taskId, frameIndex, ptsMicros, fps, width, height, frameCount, NO_IMAGE,
                detections, tracks, poses, imageOffset, options);
    }

    /** This record with its image filled back in. */
    public FrameRecord withImage(byte[] image) {
        return new FrameRecord(taskId, frameIndex, ptsMicros, fps, width, height, frameCount, image,
                detections, tracks, poses, imageOffset, options);
    }

    public FrameRecord withDetections(List<Detection> newDetections) {
        return new FrameRecord(taskId, frameIndex, ptsMicros, fps, width, height, frameCount, jpeg,
                newDetections, tracks, poses, imageOffset, options);
    }

    public FrameRecord withTracks(List<TrackedObject> newTracks) {
        return new FrameRecord(taskId, frameIndex, ptsMicros, fps, width, height, frameCount, jpeg,
                detections, newTracks, poses, imageOffset, options);
    }

    public FrameRecord withPoses(List<Pose> newPoses) {
        return new FrameRecord(taskId, frameIndex, ptsMicros, fps, width, height, frameCount, jpeg,
                detections, tracks, newPoses, imageOffset, options);
    }

    /** This record carrying what its task asks of the stages. */
    public FrameRecord withOptions(StageOptions newOptions) {
        return new FrameRecord(taskId, frameIndex, ptsMicros, fps, width, height, frameCount, jpeg,
                detections, tracks, poses, imageOffset, newOptions);
    }

    @Override
    public String toString() {
        return "FrameRecord[task=" + taskId + ", frame=" + frameIndex
                + (isEndOfStream() ? ", end-of-stream, frames=" + frameCount
                        : hasImage() ? ", jpeg=" + jpeg.length + " B" : ", image at raw offset " + imageOffset)
                + ", detections=" + detections.size() + ", tracks=" + tracks.size() + ", poses=" + poses.size() + "]";
    }
}
