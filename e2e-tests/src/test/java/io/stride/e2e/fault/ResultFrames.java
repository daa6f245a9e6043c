package io.stride.e2e.fault;

import io.stride.core.testing.StrideClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import tools.jackson.databind.json.JsonMapper;

/** A completed task's results as a client downloads them, reduced to the frame indices they hold. */
final class ResultFrames {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int OK = 200;

    private ResultFrames() {
    }

    /** Downloads both results of {@code taskId} and audits them against the source's {@code sourceFrames}. */
    static FrameAudit audit(StrideClient client, String taskId, int sourceFrames, Path workDir) throws Exception {
        HttpResponse<byte[]> video = client.getBytes("/result/" + taskId, null);
        if (video.statusCode() != OK) {
            throw new AssertionError("GET /result/" + taskId + " answered " + video.statusCode());
        }
        Path mp4 = workDir.resolve(taskId + ".mp4");
        Files.write(mp4, video.body());
        HttpResponse<String> annotations = client.get("/result/" + taskId + "/annotations");
        if (annotations.statusCode() != OK) {
            throw new AssertionError("GET /result/" + taskId + "/annotations answered " + annotations.statusCode());
        }
        try {
            return FrameAudit.of(sourceFrames, mp4Indices(mp4), annotationIndices(annotations.body()));
        } finally {
            Files.deleteIfExists(mp4);
        }
    }

    /** The stamped index of every frame of an MP4, in decoding order ({@link FrameIndexStamp#UNREADABLE} where unreadable). */
    static List<Integer> mp4Indices(Path mp4) throws Exception {
        List<Integer> indices = new ArrayList<>();
        try (var grabber = new FFmpegFrameGrabber(mp4.toFile()); var converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                indices.add(FrameIndexStamp.read(converter.convert(frame)));
            }
        }
        return indices;
    }

    /** The {@code frame} of every line of a task's JSON Lines, in file order. */
    static List<Integer> annotationIndices(String jsonLines) {
        return jsonLines.lines().filter(line -> !line.isBlank())
                .map(line -> JSON.readTree(line).path("frame").asInt(FrameIndexStamp.UNREADABLE)).toList();
    }
}
