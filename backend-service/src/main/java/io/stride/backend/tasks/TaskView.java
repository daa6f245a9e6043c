package io.stride.backend.tasks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.stride.backend.task.CameraCounters;
import io.stride.backend.task.SourceView;
import io.stride.backend.task.TaskSnapshot;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * One task as {@code GET /tasks} and the live-update stream show it: what a person watching the pipeline wants
 * to see at a glance, including how far each stage got, so a slow or stopped stage stands out.
 *
 * @param taskId          the task
 * @param fileName        the uploaded file's name
 * @param status          {@code queued}, {@code running}, {@code completed}, {@code failed} or {@code cancelled}
 * @param progress        percent of the video's frames in the MP4, 0–100
 * @param frames          frames in the video; the container's estimate until decoding ends; -1 if unknown
 * @param framesExact     whether {@code frames} is exact
 * @param framesDone      frames finished by each stage: yolox, bytetrack, rtmpose, annotation
 * @param fps             frames annotated per second of elapsed time, one decimal
 * @param elapsedMs       time since the upload was accepted, up to the task's end
 * @param startedAt       epoch milliseconds of the upload, 0 if unknown
 * @param endedAt         epoch milliseconds of the end, absent while the task runs
 * @param error           why the task failed or was cancelled, absent otherwise
 * @param warning         what the result does not show (input truncated), absent when all is well
 * @param streamUrl       the task's RTSP stream
 * @param readToken       opens this task's status, results, preview and stream ({@code ?token=}), and nothing else;
 *                        absent when the deployment is open
 * @param queuePosition   only for a queued task: its place in the queue, 1 = the next to start
 * @param options         the options the task was uploaded with, absent when none
 * @param source          only for a camera task: its source, the URL's credentials masked
 * @param camera          only for a camera task: how its ingest is doing
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A task in the list, with per-stage progress")
public record TaskView(
        @JsonProperty("task_id") @Schema(example = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b") String taskId,
        @JsonProperty("file_name") @Schema(example = "people-walking.mp4") String fileName,
        @Schema(allowableValues = {"queued", "running", "completed", "failed", "cancelled", "connecting", "live",
                "reconnecting", "stopped"}) String status,
        @Schema(description = "percent of the frames in the MP4", minimum = "0", maximum = "100") int progress,
        @Schema(description = "frames in the video; an estimate until decoding ends; -1 if unknown") long frames,
        @JsonProperty("frames_exact") boolean framesExact,
        @JsonProperty("frames_done")
        @Schema(description = "frames finished by each stage", example = "{\"yolox\":120,\"bytetrack\":118,"
                + "\"rtmpose\":110,\"annotation\":104}")
        Map<String, Long> framesDone,
        @Schema(description = "frames annotated per second since the upload") double fps,
        @JsonProperty("elapsed_ms") @Schema(description = "milliseconds since the upload, up to the end")
        long elapsedMs,
        @JsonProperty("started_at") @Schema(description = "epoch milliseconds") long startedAt,
        @JsonProperty("ended_at") @Schema(description = "epoch milliseconds; absent while running") Long endedAt,
        @Schema(description = "why the task failed or was cancelled") String error,
        @Schema(description = "what the result does not show, e.g. a truncated input") String warning,
        @JsonProperty("stream_url") @Schema(example = "rtsp://localhost:8554/6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b")
        String streamUrl,
        @JsonProperty("read_token") @Schema(description = "add as ?token= to this task's result, status and preview "
                + "URLs; absent when the deployment needs no credential") String readToken,
        @JsonProperty("queue_position") @Schema(description = "only for a queued task: 1 = the next to start",
                example = "3") Integer queuePosition,
        @JsonRawValue @Schema(description = "the options the task was uploaded with; absent when none",
                example = "{\"classes\":[\"person\"],\"pose\":false}") String options,
        @Schema(description = "only for a camera task: its source, credentials masked") SourceView source,
        @Schema(description = "only for a camera task: how its ingest is doing") CameraCounters camera) {

    private static final double MILLIS_PER_SECOND = 1000.0;
    private static final double FPS_PRECISION = 10.0;

    /**
     * @param nowMillis  the current time, which bounds the elapsed time of a running task
     * @param streamUrl  the task's RTSP URL
     * @param readToken  the task's read token, null when none is needed
     */
    public static TaskView of(TaskSnapshot task, long nowMillis, String streamUrl, String readToken) {
        long elapsed = 0;
        if (task.startedAt() > 0) {
            long end = task.isEnded() && task.endedAt() > 0 ? task.endedAt() : nowMillis;
            elapsed = Math.max(0, end - task.startedAt());
        }
        long annotated = task.framesDone().getOrDefault(TaskSnapshot.STAGES.get(TaskSnapshot.STAGES.size() - 1), 0L);
        double fps = elapsed > 0
                ? Math.round(annotated * MILLIS_PER_SECOND / elapsed * FPS_PRECISION) / FPS_PRECISION
                : 0;
        return new TaskView(task.taskId(), task.fileName(), task.status(), task.progressPercent(), task.frameCount(),
                task.frameCountExact(), task.framesDone(), fps, elapsed, task.startedAt(),
                task.isEnded() && task.endedAt() > 0 ? task.endedAt() : null, task.error(), task.warning(), streamUrl,
                readToken, task.queuePosition() > 0 ? task.queuePosition() : null,
                task.options().isEmpty() ? null : task.options(), null, null);
    }

    /** This view for a camera task: its camera status, source and counters. */
    public TaskView asCamera(String cameraStatus, SourceView cameraSource, CameraCounters counters) {
        return new TaskView(taskId, fileName, cameraStatus, progress, frames, framesExact, framesDone, fps, elapsedMs,
                startedAt, endedAt, error, warning, streamUrl, readToken, queuePosition, options, cameraSource,
                counters);
    }
}
