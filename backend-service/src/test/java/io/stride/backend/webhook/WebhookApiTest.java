package io.stride.backend.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.backend.testing.Backend;
import io.stride.backend.testing.StagelessBackend;
import io.stride.core.task.TaskEvent;
import io.stride.core.topic.TopicNames;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** The {@code webhook} option's refusals and the delivery log's answers, with the default address policy. */
class WebhookApiTest {

    @RegisterExtension
    static final StagelessBackend stageless = new StagelessBackend("--stride.webhooks.secret=0123456789abcdef0123");

    @Test
    void aWebhookThatIsNotAnHttpUrlOrGoesToAPrivateAddressIsRefusedNamingTheField() throws IOException {
        assertRefused("{\"webhook\": \"ftp://example.org/hook\"}",
                "options.webhook: expected an absolute https:// or http:// URL");
        assertRefused("{\"webhook\": \"https://user:pw@example.org/hook\"}", "options.webhook: a URL with "
                + "user-info (user:password@) is refused; put a credential in the path or query, and verify the "
                + "X-Stride-Signature header");
        assertRefused("{\"webhook\": \"http://127.0.0.1:8080/hook\"}", "options.webhook: host 127.0.0.1 resolves "
                + "to 127.0.0.1, a loopback address (stride.webhooks.allow-private-addresses is false)");
        assertRefused("{\"webhook\": \"http://[::1]/hook\"}", "options.webhook: host ::1 resolves to "
                + "0:0:0:0:0:0:0:1, a loopback address (stride.webhooks.allow-private-addresses is false)");
        assertRefused("{\"webhook\": \"http://192.168.0.10/hook\"}", "options.webhook: host 192.168.0.10 resolves "
                + "to 192.168.0.10, a private address (stride.webhooks.allow-private-addresses is false)");
        assertThat(stageless.backend().jobs()).as("nothing kept of a refused upload").isEmpty();
    }

    @Test
    void theLogOfATaskWithoutAWebhookIsEmptyAndAnUnknownTaskIs404() throws Exception {
        String taskId = TopicNames.newTaskId();
        stageless.events().publishAndWait(TaskEvent.started(taskId, 10, "walk.mp4"));
        stageless.backend().awaitStatus(taskId, "running");

        HttpResponse<String> log = stageless.client().get("/tasks/" + taskId + "/webhooks");
        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(log.body()).isEqualTo("{\"dropped\":0,\"deliveries\":[]}");

        String unknown = TopicNames.newTaskId();
        assertError(stageless.client().get("/tasks/" + unknown + "/webhooks"), 404, "no task " + unknown);
        assertError(stageless.client().get("/tasks/not-a-task/webhooks"), 400,
                "not a task id (expected a lower-case UUID): not-a-task");
    }

    @Test
    void theApiDocsListTheLogWithItsErrors() {
        JsonNode get = Backend.JSON.readTree(stageless.client().get("/v3/api-docs").body()).get("paths")
                .get("/tasks/{taskId}/webhooks").get("get");
        assertThat(get.get("responses").propertyNames()).containsExactlyInAnyOrder("200", "400", "404");
        List<String> errorSchemas = new ArrayList<>();
        for (String code : List.of("400", "404")) {
            errorSchemas.add(get.get("responses").get(code).path("content").path("application/json").path("schema")
                    .path("$ref").asText());
        }
        assertThat(errorSchemas).allSatisfy(ref -> assertThat(ref).endsWith("/ApiError"));
    }

    private static void assertRefused(String options, String message) throws IOException {
        Path clip = Files.write(stageless.dataDir().resolve("clip.mp4"), new byte[] {0, 0, 0, 24});
        assertError(stageless.client().upload(clip, options), 400, message);
    }

    private static void assertError(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(Backend.JSON.readTree(response.body()).get("message").asText()).isEqualTo(message);
    }
}
