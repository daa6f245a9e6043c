package io.stride.backend.metrics;

import io.stride.core.topic.Stage;

/**
 * A stage service as a consumer of one topic family.
 *
 * @param name  the stage's {@code stride.stage.name}, the {@code stage} tag of its metrics
 * @param input the topic family it consumes
 */
public record StageConsumer(String name, Stage input) {

    /** The consumer group the stage runtime of pipeline-core gives a stage ({@code StageProperties.groupId()}). */
    public String groupId() {
        return "stride-" + name;
    }

    /** Whether the topic is one of this stage's inputs. */
    public boolean consumes(String topic) {
        return input.pattern().matcher(topic).matches();
    }
}
