package io.stride.core.stage;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stride.core.kafka.KafkaClients;
import io.stride.core.kafka.KafkaLimits;
import io.stride.core.kafka.KafkaSettings;
import io.stride.core.model.InferenceProperties;
import io.stride.core.result.StorageProperties;
import io.stride.core.task.TaskEventPublisher;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the shared runtime into every service: Kafka settings, the task event publisher and, when the
 * service defines a {@link StageProcessor} bean, the {@link StageRunner} that feeds it.
 */
@AutoConfiguration
@EnableConfigurationProperties({KafkaProperties.class, KafkaLimits.class, InferenceProperties.class,
        StorageProperties.class})
public class StageAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    KafkaSettings kafkaSettings(KafkaProperties kafka, KafkaLimits limits) {
        return new KafkaSettings(String.join(",", kafka.getBootstrapServers()), limits, connectionProperties(kafka));
    }

    /**
     * What Spring Boot's {@code spring.kafka.security.*}, {@code spring.kafka.ssl.*} and
     * {@code spring.kafka.properties.*} say about reaching the broker (TLS, SASL), for every client alike.
     */
    private static Map<String, Object> connectionProperties(KafkaProperties kafka) {
        Map<String, Object> props = new HashMap<>(kafka.buildAdminProperties());
        props.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        return props;
    }

    @Bean
    @ConditionalOnMissingBean
    KafkaClients kafkaClients(KafkaSettings settings) {
        return new KafkaClients(settings);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    TaskEventPublisher taskEventPublisher(KafkaClients kafka) {
        return new TaskEventPublisher(kafka);
    }

    /** Only stage services bind {@code stride.stage}: the backend has no processor and no stage name. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(StageProcessor.class)
    @EnableConfigurationProperties(StageProperties.class)
    static class StageRuntime {

        @Bean
        StageMetrics stageMetrics(StageProperties properties, ObjectProvider<MeterRegistry> registry) {
            return new StageMetrics(registry.getIfAvailable(SimpleMeterRegistry::new), properties.name());
        }

        @Bean
        StageRunner stageRunner(StageProperties properties, KafkaClients kafka, StageProcessor processor,
                                TaskEventPublisher events, StageMetrics metrics) {
            return new StageRunner(properties, kafka, processor, events, metrics);
        }
    }
}
