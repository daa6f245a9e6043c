package io.stride.backend.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.backend.testing.Backend;
import io.stride.core.testing.TestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code GET /services} shows what the supervisor's restart log says, as it grows. */
class ServicesApiTest {

    @TempDir
    Path dataDir;

    private static TestBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new TestBroker();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void restartsOfTheSupervisedRunAreListed() throws Exception {
        Path log = dataDir.resolve("restarts.log");
        try (Backend backend = Backend.start(broker, dataDir, "--stride.services.restarts-log=" + log)) {
            JsonNode none = services(backend);
            assertThat(none.path("supervised").asBoolean()).isTrue();
            assertThat(none.path("restarts")).isEmpty();

            Files.write(log, List.of("2026-12-06T05:18:07+00:00 yolox 137 1", "2026-12-06T05:19:00+00:00 yolox 137 2"));
            JsonNode restarts = services(backend).path("restarts");

            assertThat(restarts).hasSize(1);
            assertThat(restarts.get(0).path("service").asText()).isEqualTo("yolox");
            assertThat(restarts.get(0).path("restarts").asInt()).isEqualTo(2);
            assertThat(restarts.get(0).path("last_restart").asText()).isEqualTo("2026-12-06T05:19:00Z");
            assertThat(restarts.get(0).path("last_exit_status").asInt()).isEqualTo(137);
        }
    }

    @Test
    void withoutASupervisorThereIsNothingToShow() throws Exception {
        try (Backend backend = Backend.start(broker, dataDir)) {
            JsonNode services = services(backend);
            assertThat(services.path("supervised").asBoolean()).isFalse();
            assertThat(services.path("restarts")).isEmpty();
        }
    }

    private static JsonNode services(Backend backend) {
        var response = backend.client().get("/services");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Backend.JSON.readTree(response.body());
    }
}
