package io.stride.backend.analytics;

import io.stride.core.analytics.AnalyticsJson;
import io.stride.core.analytics.TrackedFrame;
import io.stride.core.analytics.AnalyticsEvent;
import io.stride.core.analytics.AnalysisRequest;
import io.stride.core.analytics.Analysis;
import io.stride.backend.api.ApiException;
import io.stride.backend.decode.VideoInfo;
import io.stride.backend.task.TaskRegistry;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Analyses a completed task's stored tracks for lines and zones without running any model: one pass over its JSON
 * Lines, the events written as they come, the analytics at the end. Analyses are files (see {@link AnalysisFiles}),
 * so they survive restarts and go with the task.
 */
@Service
public class AnalysisService {

    private static final Logger log = LoggerFactory.getLogger(AnalysisService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TaskRegistry registry;
    private final CompletedResults completed;
    private final AnalyticsProperties properties;
    /** Counting a task's analyses and adding one happen together, so concurrent requests cannot pass the bound. */
    private final Object commitLock = new Object();
    /** One computation of a task's options analysis at a time: concurrent ones would share its partial files. */
    private final Object optionsLock = new Object();

    AnalysisService(TaskRegistry registry, CompletedResults completed, AnalyticsProperties properties) {
        this.registry = registry;
        this.completed = completed;
        this.properties = properties;
    }

    /**
     * Analyses the task and keeps the result.
     *
     * @return the new analysis's id
     * @throws ApiException 404 for an unknown task or one whose results are gone, 409 for one not completed or
     *                      with as many analyses as allowed, 400 for a body {@link AnalysisRequestParser} refuses
     */
    public String create(String taskId, String body) {
        Path annotations = completed.annotations(taskId);
        AnalysisRequest request;
        try {
            request = AnalysisRequestParser.parse(body);
        } catch (InvalidAnalysisRequest e) {
            throw ApiException.badRequest(e.getMessage());
        }
        completed.frameSize(taskId).ifPresent(size -> requireInside(request, size));
        requireRoom(taskId);
        var files = new AnalysisFiles(completed.directory(), taskId, HexFormat.of().toHexDigits(RANDOM.nextLong()));
        try {
            analyse(annotations, request, files);
            commit(files);
        } finally {
            deleteQuietly(AnalysisFiles.partial(files.events()));
            deleteQuietly(AnalysisFiles.partial(files.analytics()));
        }
        log.info("Task {}: analysis {} of {} lines and {} zones", taskId, files.analysisId(),
                request.lines().size(), request.zones().size());
        return files.analysisId();
    }

    /**
     * The analytics of the lines and zones a completed task was uploaded with: computed from its tracks on the first
     * request, then kept beside its results like any analysis (but outside the task's allowance of analyses).
     *
     * @return the analytics file and the events file
     * @throws ApiException 404 for an unknown task or one whose results are gone, 409 for one not completed
     */
    public List<Path> ofOptions(String taskId, AnalysisRequest options) {
        if (completed.isCamera(taskId)) {
            throw new ApiException(HttpStatus.CONFLICT, "task " + taskId + " is a camera's: its events went out as "
                    + "they happened (stride_analytics_events, webhooks, the live feed), and its tracks are in its "
                    + "recording segments (GET /result/" + taskId + "/segments)");
        }
        Path annotations = completed.annotations(taskId);
        var files = new AnalysisFiles(completed.directory(), taskId, AnalysisFiles.OF_OPTIONS);
        synchronized (optionsLock) {
            if (!Files.isRegularFile(files.analytics())) {
                try {
                    analyse(annotations, options, files);
                    moveIntoPlace(files);
                } finally {
                    deleteQuietly(AnalysisFiles.partial(files.events()));
                    deleteQuietly(AnalysisFiles.partial(files.analytics()));
                }
            }
        }
        return List.of(files.analytics(), files.events());
    }

    /**
     * The analytics so far of a task that runs, as the annotation service last wrote them (the JSON of
     * {@link #ofOptions}'s analytics); empty before it wrote any, and once the task has ended.
     */
    public Optional<byte[]> live(String taskId) {
        ApiException.requireTaskId(taskId);
        return completed.liveAnalytics(taskId);
    }

    /**
     * The final analytics of a stopped camera, as the annotation service counted them up to the stop; empty for a
     * task that is not a camera's.
     *
     * @throws ApiException 409 for a camera that has not stopped normally, 404 once its results are removed
     */
    public Optional<byte[]> ofCamera(String taskId) {
        return completed.cameraAnalytics(taskId);
    }

    /** The analytics JSON of a finished analysis. */
    public Path analytics(String taskId, String analysisId) {
        return existing(taskId, analysisId).analytics();
    }

    /** The events, as JSON Lines, of a finished analysis. */
    public Path events(String taskId, String analysisId) {
        return existing(taskId, analysisId).events();
    }

    /** Removes an analysis, making room for another. */
    public void delete(String taskId, String analysisId) {
        AnalysisFiles files = existing(taskId, analysisId);
        synchronized (commitLock) {
            // The analytics first: without it the analysis no longer exists, whatever happens to the events file.
            delete(files.analytics());
            delete(files.events());
        }
    }

    private static void requireInside(AnalysisRequest request, VideoInfo size) {
        try {
            AnalysisRequestParser.requireInside(request, size.width(), size.height());
        } catch (InvalidAnalysisRequest e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private void requireRoom(String taskId) {
        int max = properties.maxAnalysesPerTask();
        if (count(taskId) >= max) {
            throw new ApiException(HttpStatus.CONFLICT, "task " + taskId + " already has " + max
                    + " analyses, as many as stride.analytics.max-analyses-per-task allows; delete one first");
        }
    }

    /** One pass: each line of the annotations in, its events out; the analytics once every frame is in. */
    private static void analyse(Path annotations, AnalysisRequest request, AnalysisFiles files) {
        Analysis analysis = new Analysis(request);
        long lineNumber = 0;
        try (BufferedReader in = Files.newBufferedReader(annotations, StandardCharsets.UTF_8);
             BufferedWriter events = Files.newBufferedWriter(AnalysisFiles.partial(files.events()))) {
            String line;
            // Nothing to count (a task uploaded without lines or zones): an hour of tracks need not be read for it.
            boolean counting = !request.lines().isEmpty() || !request.zones().isEmpty();
            while (counting && (line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                for (AnalyticsEvent event : analysis.accept(TrackedFrame.parse(line))) {
                    events.write(AnalyticsJson.event(event));
                    events.write('\n');
                }
            }
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "the annotations of task " + files.taskId()
                    + " cannot be analysed: line " + lineNumber + ": " + e.getMessage());
        } catch (IOException e) {
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "cannot analyse task " + files.taskId()
                    + ": " + e);
        }
        try {
            Files.writeString(AnalysisFiles.partial(files.analytics()), AnalyticsJson.result(analysis.result()));
        } catch (IOException e) {
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "cannot store the analysis of task "
                    + files.taskId() + ": " + e);
        }
    }

    /** Moves a computed analysis into place unless others have filled the task's allowance meanwhile. */
    private void commit(AnalysisFiles files) {
        synchronized (commitLock) {
            requireRoom(files.taskId());
            moveIntoPlace(files);
        }
    }

    /** The events first: an analysis exists once its analytics file does. */
    private static void moveIntoPlace(AnalysisFiles files) {
        try {
            Files.move(AnalysisFiles.partial(files.events()), files.events(), StandardCopyOption.ATOMIC_MOVE);
            Files.move(AnalysisFiles.partial(files.analytics()), files.analytics(), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(files.events());
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "cannot store the analysis of task "
                    + files.taskId() + ": " + e);
        }
    }

    private AnalysisFiles existing(String taskId, String analysisId) {
        ApiException.requireTaskId(taskId);
        if (!AnalysisFiles.ANALYSIS_ID.matcher(analysisId).matches()) {
            throw ApiException.badRequest("not an analysis id (expected 16 lower-case hex digits): " + analysisId);
        }
        if (registry.status(taskId).isEmpty()) {
            throw ApiException.unknownTask(taskId);
        }
        var files = new AnalysisFiles(completed.directory(), taskId, analysisId);
        if (!Files.isRegularFile(files.analytics())) {
            throw ApiException.notFound("task " + taskId + " has no analysis " + analysisId);
        }
        return files;
    }

    private int count(String taskId) {
        Path directory = completed.directory();
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return (int) files.filter(file -> AnalysisFiles.isAnalytics(taskId, file.getFileName().toString()))
                    .count();
        } catch (IOException e) {
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "cannot list " + directory + ": " + e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "cannot delete " + file.getFileName() + ": "
                    + e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete {}: {}", file, e.toString());
        }
    }
}
