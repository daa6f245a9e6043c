package io.stride.backend.evaluation;

import io.stride.backend.api.ApiException;
import io.stride.backend.api.MissingResults;
import io.stride.backend.task.TaskRegistry;
import io.stride.backend.task.TaskStatus;
import io.stride.backend.tasks.MotChallengeTracks;
import io.stride.core.evaluation.EvaluationSequence;
import io.stride.core.evaluation.GroundTruthBox;
import io.stride.core.evaluation.MotChallengeFormatException;
import io.stride.core.evaluation.MotChallengePreprocessing;
import io.stride.core.evaluation.MotChallengeText;
import io.stride.core.evaluation.TrackedBox;
import io.stride.core.evaluation.TrackingScores;
import io.stride.core.result.StorageProperties;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Scores a completed task's tracks against a MOTChallenge ground truth, with the MOTChallenge rules
 * ({@link MotChallengePreprocessing}): the tracks as {@code GET /result/{id}/tracks.txt} exports them, so frame 0
 * of the task is frame 1 of the ground truth. Nothing is stored.
 */
@Service
public class TaskEvaluation {

    private final TaskRegistry registry;
    private final StorageProperties storage;

    public TaskEvaluation(TaskRegistry registry, StorageProperties storage) {
        this.registry = registry;
        this.storage = storage;
    }

    /**
     * @param groundTruthLines the lines of a {@code gt.txt}
     * @throws ApiException 404 for an unknown task or removed results, 409 for a task not completed, 400 for a
     *                      ground truth that is not MOTChallenge text (naming the line) or holds no row
     */
    public EvaluationResult evaluate(String taskId, List<String> groundTruthLines) {
        ApiException.requireTaskId(taskId);
        Path annotations = completedAnnotations(taskId);
        List<GroundTruthBox> groundTruth = parse(groundTruthLines);
        List<TrackedBox> tracks = MotChallengeText.tracks(trackRows(annotations));
        // Frames after the last annotated one still count: tracker boxes there are false positives, as in
        // MOTChallenge, where the ground truth covers the whole sequence.
        int length = Math.max(groundTruth.stream().mapToInt(GroundTruthBox::frame).max().orElseThrow(),
                tracks.stream().mapToInt(TrackedBox::frame).max().orElse(1));
        EvaluationSequence sequence = MotChallengePreprocessing.prepare(groundTruth, tracks, length);
        return EvaluationResult.of(sequence, TrackingScores.of(sequence));
    }

    private Path completedAnnotations(String taskId) {
        TaskStatus status = registry.status(taskId).orElseThrow(() -> ApiException.unknownTask(taskId));
        if (!registry.isCompleted(taskId)) {
            throw new ApiException(HttpStatus.CONFLICT, "task " + taskId + " is " + status.status()
                    + "; only a completed task can be evaluated");
        }
        Path annotations = storage.results().annotations(taskId);
        if (!Files.isRegularFile(annotations)) {
            throw MissingResults.of(registry, taskId);
        }
        return annotations;
    }

    private static List<GroundTruthBox> parse(List<String> lines) {
        List<GroundTruthBox> groundTruth;
        try {
            groundTruth = MotChallengeText.groundTruth(lines);
        } catch (MotChallengeFormatException e) {
            throw ApiException.badRequest("ground truth " + e.getMessage());
        }
        if (groundTruth.isEmpty()) {
            throw ApiException.badRequest("the ground truth holds no row (expected MOTChallenge gt.txt lines "
                    + "frame,id,left,top,width,height,consider,class[,visibility])");
        }
        return groundTruth;
    }

    /** The task's tracks in MOTChallenge text, exactly as the tracks.txt export writes them. */
    private static List<String> trackRows(Path annotations) {
        List<String> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(annotations, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    rows.addAll(MotChallengeTracks.rows(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
