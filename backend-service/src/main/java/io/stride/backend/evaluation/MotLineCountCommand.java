package io.stride.backend.evaluation;

import io.stride.core.analytics.CountingLine;
import io.stride.core.analytics.LineCount;
import io.stride.core.analytics.LineCounter;
import io.stride.core.analytics.Point;
import io.stride.core.analytics.TrackPosition;
import io.stride.core.analytics.TrackedFrame;
import io.stride.core.evaluation.GroundTruthBox;
import io.stride.core.evaluation.MotChallengePreprocessing;
import io.stride.core.evaluation.MotChallengeText;
import io.stride.core.evaluation.TrackedBox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far line counts from a tracker's output are from those of the ground truth: for each MOTChallenge sequence
 * folder ({@code gt/gt.txt}) and a tracker's {@code <results>/<folder name>.txt}, counts the crossings of each line
 * with the analytics' own rules ({@link LineCounter}, docs/analytics.md) over the ground-truth tracks (the scored
 * targets: pedestrians with consider 1) and over the tracker's, and prints a Markdown table of both and their
 * difference. Run through {@code scripts/mot_line_counts.sh}, which first runs the tracker on the public detections.
 */
public final class MotLineCountCommand {

    private static final String USAGE = """
            usage: MotLineCountCommand --results DIR [--line NAME:X1,Y1,X2,Y2]... SEQUENCE_DIR...
              --results DIR   a tracker's MOTChallenge output, DIR/<sequence folder name>.txt
              --line ...      a counting line in pixels, repeatable; default: the two lines through the middle of a
                              1920x1080 frame, across:0,540,1920,540 and down:960,0,960,1080 (MOT17's frame size)
            """;
    private static final List<CountingLine> DEFAULT_LINES = List.of(
            new CountingLine("across", new Point(0, 540), new Point(1920, 540)),
            new CountingLine("down", new Point(960, 0), new Point(960, 1080)));
    static final String HEADER = """
            | sequence | line | gt in | gt out | tracker in | tracker out | error in | error out |
            |---|---|---:|---:|---:|---:|---:|---:|""";
    /** The analytics' class of a MOTChallenge pedestrian (COCO person). */
    private static final int PERSON = 0;

    private MotLineCountCommand() {
    }

    public static void main(String[] args) throws IOException {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.print(e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        System.out.println(HEADER);
        for (Path sequence : arguments.sequences()) {
            String name = sequence.getFileName().toString();
            List<GroundTruthBox> gt = MotChallengeText.groundTruth(Files.readAllLines(sequence.resolve("gt/gt.txt")));
            List<TrackedBox> tracks = MotChallengeText.tracks(Files.readAllLines(
                    arguments.results().resolve(name + ".txt")));
            for (String row : rows(name, arguments.lines(), gt, tracks)) {
                System.out.println(row);
            }
        }
    }

    /** The table rows of one sequence, one per line. */
    static List<String> rows(String sequence, List<CountingLine> lines, List<GroundTruthBox> gt,
                             List<TrackedBox> tracks) {
        List<TrackedFrame> gtFrames = frames(gt.stream().filter(MotLineCountCommand::isTarget)
                .map(box -> new TrackedBox(box.frame(), box.id(), box.left(), box.top(), box.width(), box.height()))
                .toList());
        List<TrackedFrame> trackerFrames = frames(tracks);
        List<String> rows = new ArrayList<>();
        for (CountingLine line : lines) {
            LineCount truth = count(line, gtFrames);
            LineCount tracked = count(line, trackerFrames);
            rows.add(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %+d | %+d |", sequence, line.name(),
                    truth.crossedIn(), truth.crossedOut(), tracked.crossedIn(), tracked.crossedOut(),
                    tracked.crossedIn() - truth.crossedIn(), tracked.crossedOut() - truth.crossedOut()));
        }
        return rows;
    }

    /** The targets MOTChallenge scores; other classes and zero-marked boxes are not people to count. */
    private static boolean isTarget(GroundTruthBox box) {
        return box.considered() && box.objectClass() == MotChallengePreprocessing.PEDESTRIAN;
    }

    private static LineCount count(CountingLine line, List<TrackedFrame> frames) {
        LineCounter counter = new LineCounter(line);
        frames.forEach(counter::observe);
        return counter.count();
    }

    /** The boxes as the analytics see a task's frames: frame index from 0, pts unused by line counts. */
    private static List<TrackedFrame> frames(List<TrackedBox> boxes) {
        Map<Integer, List<TrackPosition>> byFrame = new TreeMap<>();
        for (TrackedBox box : boxes) {
            byFrame.computeIfAbsent(box.frame(), f -> new ArrayList<>()).add(TrackPosition.ofBox(box.id(), PERSON,
                    box.left(), box.top(), box.left() + box.width(), box.top() + box.height()));
        }
        return byFrame.entrySet().stream().map(e -> new TrackedFrame(e.getKey() - 1, 0, e.getValue())).toList();
    }

    record Arguments(Path results, List<CountingLine> lines, List<Path> sequences) {

        static Arguments parse(String[] args) {
            Path results = null;
            List<CountingLine> lines = new ArrayList<>();
            List<Path> sequences = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--results" -> results = Path.of(value(args, ++i, "--results"));
                    case "--line" -> lines.add(line(value(args, ++i, "--line")));
                    default -> sequences.add(Path.of(args[i]));
                }
            }
            if (results == null || sequences.isEmpty()) {
                throw new IllegalArgumentException("--results and at least one sequence folder are needed");
            }
            return new Arguments(results, lines.isEmpty() ? DEFAULT_LINES : lines, sequences);
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        /** {@code NAME:X1,Y1,X2,Y2}. */
        static CountingLine line(String spec) {
            int colon = spec.lastIndexOf(':');
            String[] numbers = colon < 1 ? new String[0] : spec.substring(colon + 1).split(",");
            if (numbers.length != 4) {
                throw new IllegalArgumentException("--line " + spec + ": expected NAME:X1,Y1,X2,Y2");
            }
            try {
                return new CountingLine(spec.substring(0, colon),
                        new Point(Double.parseDouble(numbers[0]), Double.parseDouble(numbers[1])),
                        new Point(Double.parseDouble(numbers[2]), Double.parseDouble(numbers[3])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--line " + spec + ": " + e.getMessage(), e);
            }
        }
    }
}
