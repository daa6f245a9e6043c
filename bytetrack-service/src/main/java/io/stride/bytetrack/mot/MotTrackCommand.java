package io.stride.bytetrack.mot;

import io.stride.bytetrack.tracker.TrackerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Tracks MOTChallenge sequences with the service's tracker: for each sequence folder ({@code seqinfo.ini},
 * {@code det/det.txt}) writes {@code <out>/<sequence name>.txt} in the MOTChallenge result format.
 * Run through {@code scripts/mot_track.sh}.
 */
public final class MotTrackCommand {

    static final String USAGE = """
            usage: mot_track.sh --out DIR [options] SEQUENCE_DIR...
              --out DIR                 where <sequence>.txt result files go (created)
              --track-thresh X          high/low detection split (default %s)
              --low-thresh X            detections at or below are ignored (default %s)
              --new-track-margin X      new tracks need score >= track-thresh + X (default %s)
              --match-thresh X          first association cost limit (default %s)
              --low-match-thresh X      second association cost limit (default %s)
              --unconfirmed-match-thresh X  (default %s)
              --track-buffer N          lost-track frames at 30 fps, scaled by seqinfo frameRate (default %s)
              --min-box-area X          results with a box area not above X are not written (default %s)
              --max-aspect-ratio X      results wider than X times their height are not written (default %s)
              --no-fuse-score           plain IoU in the first association (the official MOT20 mode)
            """.formatted(TrackerSettings.TRACK_THRESH, TrackerSettings.LOW_THRESH, TrackerSettings.NEW_TRACK_MARGIN,
            TrackerSettings.MATCH_THRESH, TrackerSettings.LOW_MATCH_THRESH, TrackerSettings.UNCONFIRMED_MATCH_THRESH,
            TrackerSettings.TRACK_BUFFER, TrackerSettings.MIN_BOX_AREA, TrackerSettings.MAX_ASPECT_RATIO);

    private static final Set<String> VALUED = Set.of("out", "track-thresh", "low-thresh", "new-track-margin",
            "match-thresh", "low-match-thresh", "unconfirmed-match-thresh", "track-buffer", "min-box-area",
            "max-aspect-ratio");
    private static final Set<String> FLAGS = Set.of("no-fuse-score", "help");
    private static final double NANOS_PER_MILLI = 1e6;

    private MotTrackCommand() {
    }

    public static void main(String[] args) throws IOException {
        CommandOptions options;
        try {
            options = new CommandOptions(args, VALUED, FLAGS);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options.flag("help") || options.positional().isEmpty() || options.text("out", null) == null) {
            System.err.print(USAGE);
            System.exit(options.flag("help") ? 0 : 2);
            return;
        }
        TrackerSettings settings = settings(options);
        Path out = Path.of(options.text("out", null));
        Files.createDirectories(out);
        for (String folder : options.positional()) {
            Path sequence = Path.of(folder);
            SequenceInfo info = SequenceInfo.read(sequence.resolve("seqinfo.ini"));
            List<MotRow> detections = MotTextFile.read(sequence.resolve("det").resolve("det.txt"));
            long start = System.nanoTime();
            List<String> lines = SequenceTracking.track(info, detections, settings);
            double millis = (System.nanoTime() - start) / NANOS_PER_MILLI;
            Path result = out.resolve(info.name() + ".txt");
            Files.write(result, lines);
            System.out.printf("%s: %d frames at %.0f fps, %d detections -> %d result rows in %s (%.0f ms)%n",
                    info.name(), info.length(), info.frameRate(), detections.size(), lines.size(), result, millis);
        }
    }

    static TrackerSettings settings(CommandOptions options) {
        return new TrackerSettings(
                options.number("track-thresh", TrackerSettings.TRACK_THRESH),
                options.number("low-thresh", TrackerSettings.LOW_THRESH),
                options.number("new-track-margin", TrackerSettings.NEW_TRACK_MARGIN),
                options.number("match-thresh", TrackerSettings.MATCH_THRESH),
                options.number("low-match-thresh", TrackerSettings.LOW_MATCH_THRESH),
                options.number("unconfirmed-match-thresh", TrackerSettings.UNCONFIRMED_MATCH_THRESH),
                options.integer("track-buffer", TrackerSettings.TRACK_BUFFER),
                TrackerSettings.DUPLICATE_IOU_DISTANCE,
                !options.flag("no-fuse-score"),
                options.number("min-box-area", TrackerSettings.MIN_BOX_AREA),
                options.number("max-aspect-ratio", TrackerSettings.MAX_ASPECT_RATIO),
                TrackerSettings.STD_WEIGHT_POSITION,
                TrackerSettings.STD_WEIGHT_VELOCITY);
    }
}
