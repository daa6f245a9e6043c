package io.stride.backend;

import io.stride.backend.task.Ticker;
import io.stride.core.kafka.KafkaClients;
import java.time.Clock;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Upload API, video decoding and the lifecycle of every task. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class BackendApplication {

    /** The clock stall times are measured on; tests replace it. */
    @Bean
    Ticker ticker() {
        return Ticker.SYSTEM;
    }

    /** The wall clock: for what is measured in calendar time, such as the results' retention. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The one admin client: task topics, the broker's health, the stages' consumer lag. */
    @Bean(destroyMethod = "close")
    Admin adminClient(KafkaClients kafka, BackendProperties properties) {
        return kafka.admin(properties.brokerTimeout());
    }

    public static void main(String[] args) {
        SpringApplication.run(BackendApplication.class, args);
    }
}
