package io.stride.backend.api;

import io.stride.backend.services.RestartLog;
import io.stride.backend.services.ServicesProperties;
import io.stride.backend.services.ServiceRestarts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /services}: which services the one-command run's supervisor restarted, how often and when. */
@RestController
@Tag(name = "services")
class ServicesController {

    private static final Logger log = LoggerFactory.getLogger(ServicesController.class);
    /** The end of the log that is read: years of restarts, a file that never makes a request slow. */
    static final int MAX_BYTES_READ = 1 << 20;

    private final Path restartsLog;

    ServicesController(ServicesProperties properties) {
        this.restartsLog = properties.restartsLog();
    }

    /**
     * @param supervised whether the backend runs under the one-command run's supervisor (else restarts are for
     *                   compose or Kubernetes to show)
     * @param restarts   every service restarted at least once
     */
    @Schema(description = "Restarts by the one-command run's supervisor")
    record Services(boolean supervised, List<ServiceRestarts> restarts) {
    }

    @GetMapping("/services")
    @Operation(summary = "Services the one-command run's supervisor restarted")
    Services services() {
        if (restartsLog == null) {
            return new Services(false, List.of());
        }
        return new Services(true, RestartLog.parse(tail()));
    }

    private List<String> tail() {
        if (!Files.isRegularFile(restartsLog)) {
            return List.of();
        }
        try (var file = new RandomAccessFile(restartsLog.toFile(), "r")) {
            long start = Math.max(0, file.length() - MAX_BYTES_READ);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return start > 0 && !lines.isEmpty() ? lines.subList(1, lines.size()) : lines;
        } catch (IOException e) {
            log.warn("Cannot read the restart log {}: {}", restartsLog, e.toString());
            return List.of();
        }
    }
}
