package io.stride.bytetrack.mot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code [Sequence]} section of a MOTChallenge {@code seqinfo.ini}.
 *
 * @param name      the sequence name, e.g. {@code MOT17-02-FRCNN}
 * @param frameRate frames per second
 * @param length    number of frames, numbered 1 to length
 */
public record SequenceInfo(String name, double frameRate, int length) {

    public static SequenceInfo read(Path iniFile) throws IOException {
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(iniFile)) {
            String trimmed = line.strip();
            int eq = trimmed.indexOf('=');
            if (eq > 0 && !trimmed.startsWith(";") && !trimmed.startsWith("#")) {
                values.put(trimmed.substring(0, eq).strip().toLowerCase(), trimmed.substring(eq + 1).strip());
            }
        }
        return new SequenceInfo(required(values, "name", iniFile),
                Double.parseDouble(required(values, "framerate", iniFile)),
                Integer.parseInt(required(values, "seqlength", iniFile)));
    }

    private static String required(Map<String, String> values, String key, Path file) {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(file + " has no " + key);
        }
        return value;
    }
}
