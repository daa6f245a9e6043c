package io.stride.core.result;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Directories shared by the backend and the annotation service (the same path, or the same volume).
 *
 * @param jobsDir    uploads while their task runs; each is removed when the task ends
 * @param resultsDir finished MP4s and annotations, kept after the task ends
 * @param resultsRetention how long a finished task's results (MP4, annotations) and record are kept after it
 *                   ended; then the backend deletes them, and result files no task owns once they are this old.
 *                   Default 7d, the events topic's retention: a week to fetch a result, and a disk that a steady
 *                   load fills only to a week's worth of results
 */
@Validated
@ConfigurationProperties("stride.storage")
public record StorageProperties(
        @DefaultValue("data/jobs") @NotNull Path jobsDir,
        @DefaultValue("data/results") @NotNull Path resultsDir,
        @DefaultValue("7d") @NotNull @DurationMin(seconds = 1) Duration resultsRetention) {

    /** Where the upload of a running task is kept. */
    public java.nio.file.Path upload(String taskId) {
        return jobsDir.resolve(results().video(taskId).getFileName());
    }

    public ResultFiles results() {
        return new ResultFiles(resultsDir);
    }
}
