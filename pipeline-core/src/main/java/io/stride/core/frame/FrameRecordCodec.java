package io.stride.core.frame;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.stride.core.analytics.AnalysisRequest;
import io.stride.core.analytics.CountingLine;
import io.stride.core.analytics.Point;
import io.stride.core.analytics.Zone;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary form of a {@link FrameRecord} on Kafka. A compact, versioned layout instead of JSON because the
 * record carries a JPEG of up to several megabytes and every stage reads and writes it once per frame.
 *
 * <p>Layout (big-endian): magic {@code 'S'}, schema version, task id (UTF), frame index, pts, fps, width,
 * height, frame count, detections, tracks, poses, image offset on {@code raw_frames}, the task's stage options
 * (pose flag, lowest score, class ids, live flag, lines, zones), JPEG length and bytes. Records of the two versions
 * before are still read (version 3 without the live flag, lines and zones; version 2 with
 * {@link StageOptions#DEFAULT}), so that records written before an upgrade are not lost.
 */
public final class FrameRecordCodec {

    static final byte MAGIC = 'S';
    /** Bumped on any incompatible change of the layout; readers reject other versions but the one before. */
    public static final byte SCHEMA_VERSION = 4;
    /** The version whose options end with the class ids; read as a file's task that counts nothing. */
    static final byte WITHOUT_ANALYSIS_VERSION = 3;
    /** The version before stage options; read as records with the default options. */
    static final byte WITHOUT_OPTIONS_VERSION = 2;

    private static final int RESULTS_BYTES_GUESS = 1024;

    private FrameRecordCodec() {
    }

    public static byte[] encode(FrameRecord record) {
        var bytes = new ByteArrayOutputStream(record.jpeg().length + RESULTS_BYTES_GUESS);
        try (var out = new DataOutputStream(bytes)) {
            out.writeByte(MAGIC);
            out.writeByte(SCHEMA_VERSION);
            out.writeUTF(record.taskId());
            out.writeLong(record.frameIndex());
            out.writeLong(record.ptsMicros());
            out.writeDouble(record.fps());
            out.writeInt(record.width());
            out.writeInt(record.height());
            out.writeLong(record.frameCount());
            writeDetections(out, record.detections());
            writeTracks(out, record.tracks());
            writePoses(out, record.poses());
            out.writeLong(record.imageOffset());
            writeOptions(out, record.options());
            out.writeInt(record.jpeg().length);
            out.write(record.jpeg());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws FrameFormatException when the bytes are not a record of {@link #SCHEMA_VERSION} */
    public static FrameRecord decode(byte[] data) {
        if (data == null || data.length < 2) {
            throw new FrameFormatException("not a frame record: " + (data == null ? 0 : data.length) + " bytes");
        }
        if (data[0] != MAGIC) {
            throw new FrameFormatException("not a frame record: bad magic byte 0x" + Integer.toHexString(data[0] & 0xff));
        }
        byte version = data[1];
        if (version != SCHEMA_VERSION && version != WITHOUT_ANALYSIS_VERSION && version != WITHOUT_OPTIONS_VERSION) {
            throw new FrameFormatException("frame record schema version " + data[1] + " is not supported (expected "
                    + SCHEMA_VERSION + ")");
        }
        try (var in = new DataInputStream(new java.io.ByteArrayInputStream(data, 2, data.length - 2))) {
            String taskId = in.readUTF();
            long frameIndex = in.readLong();
            long pts = in.readLong();
            double fps = in.readDouble();
            int width = in.readInt();
            int height = in.readInt();
            long frameCount = in.readLong();
            List<Detection> detections = readDetections(in);
            List<TrackedObject> tracks = readTracks(in);
            List<Pose> poses = readPoses(in);
            long imageOffset = in.readLong();
            StageOptions options = version == WITHOUT_OPTIONS_VERSION ? StageOptions.DEFAULT : readOptions(in, version);
            byte[] jpeg = new byte[checkedCount(in, Counted.JPEG_BYTES)];
            in.readFully(jpeg);
            return new FrameRecord(taskId, frameIndex, pts, fps, width, height, frameCount, jpeg,
                    detections, tracks, poses, imageOffset, options);
        } catch (EOFException e) {
            throw new FrameFormatException("truncated frame record (" + data.length + " bytes)", e);
        } catch (IOException e) {
            throw new FrameFormatException("unreadable frame record: " + e.getMessage(), e);
        }
    }

    private static void writeOptions(DataOutputStream out, StageOptions options) throws IOException {
        out.writeBoolean(options.pose());
        out.writeFloat(options.minScore());
        out.writeInt(options.classIds().size());
        for (int classId : options.classIds()) {
            out.writeInt(classId);
        }
        out.writeBoolean(options.live());
        writeAnalysis(out, options.analysis());
    }

    private static StageOptions readOptions(DataInputStream in, byte version) throws IOException {
        boolean pose = in.readBoolean();
        float minScore = in.readFloat();
        int n = checkedCount(in, Counted.CLASS_IDS);
        var classIds = new java.util.HashSet<Integer>(n);
        for (int i = 0; i < n; i++) {
            classIds.add(in.readInt());
        }
        boolean live = version != WITHOUT_ANALYSIS_VERSION && in.readBoolean();
        AnalysisRequest analysis = version == WITHOUT_ANALYSIS_VERSION ? AnalysisRequest.NONE : readAnalysis(in);
        try {
            return new StageOptions(classIds, minScore, pose, analysis, live);
        } catch (IllegalArgumentException e) {
            throw new FrameFormatException("corrupt frame record: " + e.getMessage(), e);
        }
    }

    private static void writeAnalysis(DataOutputStream out, AnalysisRequest analysis) throws IOException {
        out.writeInt(analysis.lines().size());
        for (CountingLine line : analysis.lines()) {
            out.writeUTF(line.name());
            writePoint(out, line.from());
            writePoint(out, line.to());
        }
        out.writeInt(analysis.zones().size());
        for (Zone zone : analysis.zones()) {
            out.writeUTF(zone.name());
            out.writeInt(zone.polygon().size());
            for (Point point : zone.polygon()) {
                writePoint(out, point);
            }
        }
    }

    private static AnalysisRequest readAnalysis(DataInputStream in) throws IOException {
        int lineCount = checkedCount(in, Counted.LINES);
        var lines = new ArrayList<CountingLine>(lineCount);
        for (int i = 0; i < lineCount; i++) {
            lines.add(new CountingLine(in.readUTF(), readPoint(in), readPoint(in)));
        }
        int zoneCount = checkedCount(in, Counted.ZONES);
        var zones = new ArrayList<Zone>(zoneCount);
        for (int i = 0; i < zoneCount; i++) {
            String name = in.readUTF();
            int pointCount = checkedCount(in, Counted.POINTS);
            var polygon = new ArrayList<Point>(pointCount);
            for (int k = 0; k < pointCount; k++) {
                polygon.add(readPoint(in));
            }
            zones.add(new Zone(name, polygon));
        }
        return new AnalysisRequest(lines, zones);
    }

    private static void writePoint(DataOutputStream out, Point point) throws IOException {
        out.writeDouble(point.x());
        out.writeDouble(point.y());
    }

    private static Point readPoint(DataInputStream in) throws IOException {
        return new Point(in.readDouble(), in.readDouble());
    }

    private static void writeBox(DataOutputStream out, BoundingBox box) throws IOException {
        out.writeFloat(box.x1());
        out.writeFloat(box.y1());
        out.writeFloat(box.x2());
        out.writeFloat(box.y2());
    }

    private static BoundingBox readBox(DataInputStream in) throws IOException {
        return new BoundingBox(in.readFloat(), in.readFloat(), in.readFloat(), in.readFloat());
    }

    private static void writeDetections(DataOutputStream out, List<Detection> detections) throws IOException {
        out.writeInt(detections.size());
        for (Detection d : detections) {
            writeBox(out, d.box());
            out.writeFloat(d.score());
            out.writeInt(d.classId());
        }
    }

    private static List<Detection> readDetections(DataInputStream in) throws IOException {
        int n = checkedCount(in, Counted.DETECTIONS);
        var list = new ArrayList<Detection>(n);
        for (int i = 0; i < n; i++) {
            list.add(new Detection(readBox(in), in.readFloat(), in.readInt()));
        }
        return list;
    }

    private static void writeTracks(DataOutputStream out, List<TrackedObject> tracks) throws IOException {
        out.writeInt(tracks.size());
        for (TrackedObject t : tracks) {
            out.writeInt(t.trackId());
            writeBox(out, t.box());
            out.writeFloat(t.score());
            out.writeInt(t.classId());
        }
    }

    private static List<TrackedObject> readTracks(DataInputStream in) throws IOException {
        int n = checkedCount(in, Counted.TRACKS);
        var list = new ArrayList<TrackedObject>(n);
        for (int i = 0; i < n; i++) {
            list.add(new TrackedObject(in.readInt(), readBox(in), in.readFloat(), in.readInt()));
        }
        return list;
    }

    private static void writePoses(DataOutputStream out, List<Pose> poses) throws IOException {
        out.writeInt(poses.size());
        for (Pose p : poses) {
            out.writeInt(p.trackId());
            out.writeInt(p.keypoints().size());
            for (Keypoint k : p.keypoints()) {
                out.writeFloat(k.x());
                out.writeFloat(k.y());
                out.writeFloat(k.score());
            }
        }
    }

    private static List<Pose> readPoses(DataInputStream in) throws IOException {
        int n = checkedCount(in, Counted.POSES);
        var list = new ArrayList<Pose>(n);
        for (int i = 0; i < n; i++) {
            int trackId = in.readInt();
            int count = checkedCount(in, Counted.KEYPOINTS);
            var keypoints = new ArrayList<Keypoint>(count);
            for (int k = 0; k < count; k++) {
                keypoints.add(new Keypoint(in.readFloat(), in.readFloat(), in.readFloat()));
            }
            list.add(new Pose(trackId, keypoints));
        }
        return list;
    }

    /**
     * What a count in the record counts, with the fewest bytes one such element takes on the wire. A count is
     * checked against them before anything is allocated for it.
     */
    private enum Counted {
        DETECTIONS("detections", 6 * Float.BYTES), // box, score, class
        TRACKS("tracks", 7 * Float.BYTES), // id, box, score, class
        POSES("poses", 2 * Integer.BYTES), // track id, keypoint count: a pose without keypoints
        KEYPOINTS("keypoints", 3 * Float.BYTES), // x, y, score
        CLASS_IDS("class ids", Integer.BYTES),
        LINES("lines", 2 + 4 * Double.BYTES), // name, from, to
        ZONES("zones", 2 + Integer.BYTES), // name, point count
        POINTS("points", 2 * Double.BYTES),
        JPEG_BYTES("JPEG bytes", 1);

        private final String name;
        private final int minBytes;

        Counted(String name, int minBytes) {
            this.name = name;
            this.minBytes = minBytes;
        }
    }

    /**
     * Reads a count and checks that that many elements fit in the bytes left, so a forged or corrupt count fails
     * here instead of allocating more than the record holds (an array list of two billion entries, say).
     */
    private static int checkedCount(DataInputStream in, Counted counted) throws IOException {
        int count = in.readInt();
        int bytesLeft = in.available();
        if (count < 0) {
            throw new FrameFormatException("corrupt frame record: negative count of " + counted.name + " (" + count
                    + ")");
        }
        long needed = (long) count * counted.minBytes;
        if (needed > bytesLeft) {
            throw new FrameFormatException("corrupt frame record: " + count + " " + counted.name + " need at least "
                    + needed + " bytes, " + bytesLeft + " are left");
        }
        return count;
    }

    /** Wraps the codec for Kafka clients. */
    public static final class Serializer implements org.apache.kafka.common.serialization.Serializer<FrameRecord> {
        @Override
        public byte[] serialize(String topic, FrameRecord data) {
            return data == null ? null : encode(data);
        }
    }

}
