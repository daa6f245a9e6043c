package io.stride.core.result;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Directories shared by the backend and the annotation service (the same path, or the same volume).
 *
 * @param jobsDir    uploads while their task runs; each is removed when the task ends
 * @param resultsDir finished MP4s and annotations, kept after the task ends
 */
@Validated
@ConfigurationProperties("stride.storage")
public record StorageProperties(
        @DefaultValue("data/jobs") @NotNull Path jobsDir,
        @DefaultValue("data/results") @NotNull Path resultsDir) {

    /** Where the upload of a running task is kept. */
    public java.nio.file.Path upload(String taskId) {
        return jobsDir.resolve(results().video(taskId).getFileName());
    }

    public ResultFiles results() {
        return new ResultFiles(resultsDir);
    }
}
