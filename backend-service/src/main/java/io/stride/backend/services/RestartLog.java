package io.stride.backend.services;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the supervisor's restart log ({@code scripts/start_local_pipeline.sh} appends one line per restart:
 * {@code ISO-time service exit-status restart-count}) into each service's restarts. A line that does not parse (a
 * half-written last line, say) is skipped.
 */
public final class RestartLog {

    private static final int FIELDS = 4;

    private RestartLog() {
    }

    /** Each service's restarts, in the order services first restarted. */
    public static List<ServiceRestarts> parse(List<String> lines) {
        Map<String, ServiceRestarts> byService = new LinkedHashMap<>();
        for (String line : lines) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length != FIELDS) {
                continue;
            }
            try {
                var restart = new ServiceRestarts(fields[1], Integer.parseInt(fields[3]),
                        OffsetDateTime.parse(fields[0]).toInstant(), Integer.parseInt(fields[2]));
                byService.merge(restart.service(), restart, (earlier, later) -> later);
            } catch (NumberFormatException | DateTimeParseException e) {
                // not a complete line
            }
        }
        return List.copyOf(byService.values());
    }
}
