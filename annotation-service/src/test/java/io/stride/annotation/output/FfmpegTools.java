package io.stride.annotation.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code ffprobe} and {@code ffmpeg} programs that ship with the FFmpeg natives, as a player would see a
 * file: what its index says and whether every frame decodes.
 */
public final class FfmpegTools {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FfmpegTools() {
    }

    /** The video stream of an MP4 as ffprobe reports it, with all its packets. */
    public record Probe(long frames, double durationSeconds, List<Long> pts, List<Long> dts, List<Long> keyframes) {
    }

    public static Probe probe(Path video) throws IOException, InterruptedException {
        String output = run(Loader.load(org.bytedeco.ffmpeg.ffprobe.class), "-v", "error", "-select_streams", "v:0",
                "-show_entries", "stream=nb_frames,duration:packet=pts,dts,flags", "-of", "json", video.toString());
        JsonNode root = JSON.readTree(output);
        JsonNode stream = root.get("streams").get(0);
        List<Long> pts = new ArrayList<>();
        List<Long> dts = new ArrayList<>();
        List<Long> keyframes = new ArrayList<>();
        for (JsonNode packet : root.get("packets")) {
            if (packet.get("flags").asString().startsWith("K")) {
                keyframes.add((long) pts.size());
            }
            pts.add(packet.get("pts").asLong());
            dts.add(packet.get("dts").asLong());
        }
        return new Probe(stream.get("nb_frames").asLong(), stream.get("duration").asDouble(), pts, dts, keyframes);
    }

    /** What {@code ffmpeg -v error -i video -f null -} reports decoding every frame: empty when all is well. */
    public static String decodeErrors(Path video) throws IOException, InterruptedException {
        return run(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class), "-nostdin", "-v", "error", "-i", video.toString(),
                "-f", "null", "-");
    }

    /** A digest of every packet's bytes, in order: equal lists are the same encoded frames. */
    public static List<String> packetDigests(Path video) throws Exception {
        List<String> digests = new ArrayList<>();
        try (var grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.start();
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (AVPacket packet = grabber.grabPacket(); packet != null; packet = grabber.grabPacket()) {
                byte[] data = new byte[packet.size()];
                packet.data().capacity(packet.size()).get(data);
                digests.add(HexFormat.of().formatHex(md5.digest(data)));
            }
        }
        return digests;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
