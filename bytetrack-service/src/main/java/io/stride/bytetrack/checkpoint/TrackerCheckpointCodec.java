package io.stride.bytetrack.checkpoint;

import io.stride.bytetrack.tracker.KalmanState;
import io.stride.bytetrack.tracker.TrackSnapshot;
import io.stride.bytetrack.tracker.TrackState;
import io.stride.bytetrack.tracker.TrackerSnapshot;
import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.TrackedObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of a {@link TrackerCheckpoint}, as it is kept on the checkpoint topic. Big-endian, led by a
 * format version so that a build never misreads a checkpoint another build wrote; it refuses one it does not know,
 * and the stage then rebuilds the tracker another way. Doubles and floats are written as their raw bits: a
 * restored tracker continues bit for bit like the original, where a decimal form would round.
 *
 * <p>Version 1: {@code int version, long frameIndex}; the tracker: {@code int frame, int lastId,
 * int maxFramesLost}, then the tracked and the lost tracks, each list as {@code int count} and per track
 * {@code int id, int startFrame, int lastFrame, byte state, boolean confirmed, double score, int classId,
 * 8 doubles mean, 64 doubles covariance (row-major)}; the recent tracks: {@code int frames}, per frame
 * {@code long frameIndex, int count} and per track {@code int trackId, float x1, y1, x2, y2, float score,
 * int classId}.
 */
public final class TrackerCheckpointCodec {

    /** The format this build writes and the only one it reads. */
    public static final int VERSION = 1;

    private static final int DIM = 8;
    private static final int TRACK_BYTES = 4 * 3 + 1 + 1 + 8 + 4 + 8 * DIM + 8 * DIM * DIM;
    private static final int FRAME_BYTES = 8 + 4;
    private static final int TRACKED_OBJECT_BYTES = 4 + 4 * 4 + 4 + 4;
    private static final TrackState[] STATES = TrackState.values();

    private TrackerCheckpointCodec() {
    }

    public static byte[] encode(TrackerCheckpoint checkpoint) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(size(checkpoint));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            out.writeLong(checkpoint.frameIndex());
            writeTracker(out, checkpoint.tracker());
            writeRecent(out, checkpoint.recentTracks());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
        return bytes.toByteArray();
    }

    /** @throws TrackerCheckpointFormatException for another version, truncated or otherwise malformed bytes */
    public static TrackerCheckpoint decode(byte[] bytes) {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        try {
            int version = in.readInt();
            if (version != VERSION) {
                throw new TrackerCheckpointFormatException("unknown tracker checkpoint version " + version
                        + " (this build reads version " + VERSION + ")");
            }
            long frameIndex = in.readLong();
            TrackerSnapshot tracker = readTracker(in);
            Map<Long, List<TrackedObject>> recent = readRecent(in);
            if (in.available() > 0) {
                throw new TrackerCheckpointFormatException("tracker checkpoint has " + in.available()
                        + " bytes after its end");
            }
            return new TrackerCheckpoint(frameIndex, tracker, recent);
        } catch (EOFException e) {
            throw new TrackerCheckpointFormatException("tracker checkpoint truncated: " + bytes.length + " bytes end "
                    + "in the middle of it", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: reading from memory", e);
        }
    }

    /** The encoded size, exactly. */
    public static int size(TrackerCheckpoint checkpoint) {
        TrackerSnapshot tracker = checkpoint.tracker();
        int tracks = tracker.tracked().size() + tracker.lost().size();
        int recentObjects = checkpoint.recentTracks().values().stream().mapToInt(List::size).sum();
        return 4 + 8 + 3 * 4 + 2 * 4 + tracks * TRACK_BYTES
                + 4 + checkpoint.recentTracks().size() * FRAME_BYTES + recentObjects * TRACKED_OBJECT_BYTES;
    }

    private static void writeTracker(DataOutputStream out, TrackerSnapshot tracker) throws IOException {
        out.writeInt(tracker.frame());
        out.writeInt(tracker.lastId());
        out.writeInt(tracker.maxFramesLost());
        writeTracks(out, tracker.tracked());
        writeTracks(out, tracker.lost());
    }

    private static TrackerSnapshot readTracker(DataInputStream in) throws IOException {
        int frame = in.readInt();
        int lastId = in.readInt();
        int maxFramesLost = in.readInt();
        List<TrackSnapshot> tracked = readTracks(in);
        List<TrackSnapshot> lost = readTracks(in);
        return new TrackerSnapshot(frame, lastId, maxFramesLost, tracked, lost);
    }

    private static void writeTracks(DataOutputStream out, List<TrackSnapshot> tracks) throws IOException {
        out.writeInt(tracks.size());
        for (TrackSnapshot track : tracks) {
            out.writeInt(track.id());
            out.writeInt(track.startFrame());
            out.writeInt(track.lastFrame());
            out.writeByte(track.state().ordinal());
            out.writeBoolean(track.confirmed());
            writeDouble(out, track.score());
            out.writeInt(track.classId());
            for (double value : track.kalman().mean()) {
                writeDouble(out, value);
            }
            for (double[] row : track.kalman().covariance()) {
                for (double value : row) {
                    writeDouble(out, value);
                }
            }
        }
    }

    private static List<TrackSnapshot> readTracks(DataInputStream in) throws IOException {
        int count = readCount(in, TRACK_BYTES, "tracks");
        List<TrackSnapshot> tracks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int id = in.readInt();
            int startFrame = in.readInt();
            int lastFrame = in.readInt();
            TrackState state = readState(in);
            boolean confirmed = in.readBoolean();
            double score = readDouble(in);
            int classId = in.readInt();
            double[] mean = readDoubles(in, DIM);
            double[][] covariance = new double[DIM][];
            for (int row = 0; row < DIM; row++) {
                covariance[row] = readDoubles(in, DIM);
            }
            tracks.add(new TrackSnapshot(id, startFrame, lastFrame, state, confirmed, score, classId,
                    new KalmanState(mean, covariance)));
        }
        return tracks;
    }

    private static void writeRecent(DataOutputStream out, Map<Long, List<TrackedObject>> recent) throws IOException {
        out.writeInt(recent.size());
        for (Map.Entry<Long, List<TrackedObject>> frame : recent.entrySet()) {
            out.writeLong(frame.getKey());
            out.writeInt(frame.getValue().size());
            for (TrackedObject track : frame.getValue()) {
                out.writeInt(track.trackId());
                writeFloat(out, track.box().x1());
                writeFloat(out, track.box().y1());
                writeFloat(out, track.box().x2());
                writeFloat(out, track.box().y2());
                writeFloat(out, track.score());
                out.writeInt(track.classId());
            }
        }
    }

    private static Map<Long, List<TrackedObject>> readRecent(DataInputStream in) throws IOException {
        int frames = readCount(in, FRAME_BYTES, "recent frames");
        Map<Long, List<TrackedObject>> recent = new LinkedHashMap<>();
        for (int f = 0; f < frames; f++) {
            long frameIndex = in.readLong();
            int count = readCount(in, TRACKED_OBJECT_BYTES, "tracks of frame " + frameIndex);
            List<TrackedObject> tracks = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int trackId = in.readInt();
                BoundingBox box = new BoundingBox(readFloat(in), readFloat(in), readFloat(in), readFloat(in));
                tracks.add(new TrackedObject(trackId, box, readFloat(in), in.readInt()));
            }
            recent.put(frameIndex, tracks);
        }
        return recent;
    }

    /** A count, checked against the bytes left so that corrupt bytes fail here instead of allocating gigabytes. */
    private static int readCount(DataInputStream in, int bytesEach, String what) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new TrackerCheckpointFormatException("tracker checkpoint corrupt: " + count + " " + what);
        }
        if ((long) count * bytesEach > in.available()) {
            throw new TrackerCheckpointFormatException("tracker checkpoint truncated: " + count + " " + what
                    + " need " + (long) count * bytesEach + " bytes, " + in.available() + " are left");
        }
        return count;
    }

    private static TrackState readState(DataInputStream in) throws IOException {
        int ordinal = in.readUnsignedByte();
        if (ordinal >= STATES.length) {
            throw new TrackerCheckpointFormatException("tracker checkpoint corrupt: track state " + ordinal);
        }
        return STATES[ordinal];
    }

    private static double[] readDoubles(DataInputStream in, int count) throws IOException {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = readDouble(in);
        }
        return values;
    }

    private static void writeDouble(DataOutputStream out, double value) throws IOException {
        out.writeLong(Double.doubleToRawLongBits(value));
    }

    private static double readDouble(DataInputStream in) throws IOException {
        return Double.longBitsToDouble(in.readLong());
    }

    private static void writeFloat(DataOutputStream out, float value) throws IOException {
        out.writeInt(Float.floatToRawIntBits(value));
    }

    private static float readFloat(DataInputStream in) throws IOException {
        return Float.intBitsToFloat(in.readInt());
    }
}
