package io.stride.backend.analytics;

import io.stride.backend.api.ApiException;
import io.stride.backend.api.ServiceBusyException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The heatmap of a completed task, drawn on its first request and kept beside its results
 * ({@link AnalysisFiles#heatmap}): a finished task's tracks never change, so it is never drawn twice. Requests for
 * the same task while it is being drawn wait for that drawing; at most
 * {@link HeatmapProperties#maxConcurrent()} are drawn at once.
 */
@Service
public class HeatmapService {

    private static final Logger log = LoggerFactory.getLogger(HeatmapService.class);
    private static final String PNG = "png";

    private final CompletedResults completed;
    private final HeatmapProperties properties;
    private final HeatmapRenderer renderer;
    private final Semaphore drawingSlots;
    /** One lock per task being drawn, so a second request waits for the first instead of drawing it again. */
    private final ConcurrentMap<String, Object> drawing = new ConcurrentHashMap<>();

    HeatmapService(CompletedResults completed, HeatmapProperties properties) {
        this.completed = completed;
        this.properties = properties;
        this.renderer = new HeatmapRenderer(properties);
        this.drawingSlots = new Semaphore(properties.maxConcurrent());
    }

    /**
     * The task's heatmap PNG, drawn now if it was not yet.
     *
     * @throws ApiException 400 for a malformed task id, 404 for an unknown task or one whose results are gone, 409
     *                      for one not completed, 503 when as many heatmaps as allowed are being drawn
     */
    public Path heatmap(String taskId) {
        Path annotations = completed.annotations(taskId);
        Path video = completed.video(taskId);
        Path cached = AnalysisFiles.heatmap(completed.directory(), taskId);
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        Object lock = drawing.computeIfAbsent(taskId, id -> new Object());
        synchronized (lock) {
            try {
                if (!Files.isRegularFile(cached)) {
                    drawWithinLimit(taskId, video, annotations, cached);
                }
            } finally {
                drawing.remove(taskId, lock);
            }
        }
        return cached;
    }

    private void drawWithinLimit(String taskId, Path video, Path annotations, Path target) {
        if (!drawingSlots.tryAcquire()) {
            throw new ServiceBusyException(properties.maxConcurrent() + " heatmaps are being drawn, as many as "
                    + "stride.analytics.heatmap.max-concurrent allows; try again shortly", properties.retryAfter());
        }
        try {
            long started = System.nanoTime();
            draw(taskId, video, annotations, target);
            log.info("Task {}: heatmap drawn in {} ms", taskId, (System.nanoTime() - started) / 1_000_000);
        } finally {
            drawingSlots.release();
        }
    }

    private void draw(String taskId, Path video, Path annotations, Path target) {
        Path partial = AnalysisFiles.partial(target);
        try {
            BufferedImage image = renderer.render(video, annotations);
            ImageIO.write(image, PNG, partial.toFile());
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IllegalArgumentException e) {
            throw failure("the annotations of task " + taskId + " cannot be read: " + e.getMessage());
        } catch (IllegalStateException e) {
            throw failure("the video of task " + taskId + " cannot be read: " + e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            throw failure("cannot draw the heatmap of task " + taskId + ": " + e);
        } finally {
            deleteQuietly(partial);
        }
        if (!Files.isRegularFile(annotations)) {
            // The task was deleted while it was drawn: its heatmap must not outlive it.
            deleteQuietly(target);
            throw ApiException.notFound("the results of task " + taskId + " are no longer available");
        }
    }

    private static ApiException failure(String message) {
        return new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, message);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete {}: {}", file, e.toString());
        }
    }
}
