package io.stride.bytetrack.stage;

import io.stride.bytetrack.checkpoint.TrackerCheckpoints;
import io.stride.core.kafka.KafkaClients;
import io.stride.core.stage.StageProcessor;
import io.stride.core.stage.StageProperties;
import io.stride.core.stage.TaskReplay;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes this service a stage: pipeline-core's auto-configuration runs any {@link StageProcessor} bean. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ByteTrackProperties.class)
public class ByteTrackStageConfiguration {

    /**
     * A task's checkpoint is normally among the last records of a small topic and read in milliseconds; a read
     * this slow means the broker is in trouble, and the tracker is better rebuilt another way than the consumer
     * kept from polling longer (the replay after it has {@code rebuild-timeout} of its own).
     */
    private static final Duration CHECKPOINT_READ_TIMEOUT = Duration.ofSeconds(10);

    /** Reads a task's input topic back to rebuild its tracker when the stage meets the task mid-stream. */
    @Bean
    TaskReplay taskReplay(KafkaClients kafka, ByteTrackProperties properties) {
        return new TaskReplay(kafka, properties.rebuildTimeout());
    }

    /** Creates the checkpoint topic at start-up if it is absent; a task's checkpoint read may take this long. */
    @Bean(destroyMethod = "close")
    TrackerCheckpoints trackerCheckpoints(KafkaClients kafka) {
        return new TrackerCheckpoints(kafka, CHECKPOINT_READ_TIMEOUT);
    }

    /** {@link StageProperties} is bound by core's stage auto-configuration, which runs because this bean exists. */
    @Bean
    StageProcessor byteTrackProcessor(ByteTrackProperties properties, TaskReplay replay, StageProperties stage,
                                      TrackerCheckpoints checkpoints) {
        return new ByteTrackProcessor(properties, replay, stage.input(), checkpoints);
    }
}
