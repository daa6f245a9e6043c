package io.stride.backend.rtspauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.backend.testing.Backend;
import io.stride.core.security.AccessPolicy;
import io.stride.core.testing.TestBroker;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /rtsp/auth} over real HTTP, as MediaMTX calls it: a backend with an operator key (no key sent with
 * the request: MediaMTX has none) and an open one, against a real broker.
 */
class RtspAuthEndpointTest {

    private static final String KEY = "rtsp-auth-operator-key";
    private static final String TASK = "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    private static final String OTHER_TASK = "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d";
    private static final String ALLOWED = "{\"allowed\":true}";

    @TempDir
    static Path keyedDir;
    @TempDir
    static Path openDir;

    private static TestBroker broker;
    private static Backend keyed;
    private static Backend open;

    @BeforeAll
    static void start() {
        broker = new TestBroker();
        keyed = Backend.start(broker, keyedDir, "--stride.security.api-key=" + KEY);
        open = Backend.start(broker, openDir);
    }

    @AfterAll
    static void stop() {
        if (keyed != null) {
            keyed.close();
        }
        if (open != null) {
            open.close();
        }
        broker.close();
    }

    @Test
    void aTaskTokenReadsItsPathNotAnotherAndDoesNotPublish() {
        String token = keyed.bean(AccessPolicy.class).tokenFor(TASK).orElseThrow();

        assertAllowed(ask(keyed, "read", TASK, "token=" + token, ""));
        assertRefused(ask(keyed, "read", OTHER_TASK, "token=" + token, ""), "the credential does not read this task");
        assertRefused(ask(keyed, "publish", TASK, "token=" + token, ""),
                "only the annotation service's publisher credential publishes");
    }

    @Test
    void thePublisherCredentialPublishesAndDoesNotRead() {
        String publisher = keyed.bean(AccessPolicy.class).publisherCredential().orElseThrow();

        assertAllowed(ask(keyed, "publish", TASK, "token=" + publisher, ""));
        assertRefused(ask(keyed, "read", TASK, "token=" + publisher, ""), "the credential does not read this task");
    }

    @Test
    void onlyTheOperatorKeyOpensMediaMtxsApi() {
        String token = keyed.bean(AccessPolicy.class).tokenFor(TASK).orElseThrow();

        assertAllowed(ask(keyed, "api", "", "", KEY));
        assertRefused(ask(keyed, "api", "", "token=" + token, ""), "this action needs the operator key");
        assertRefused(ask(keyed, "api", "", "", "not the key"), "this action needs the operator key");
    }

    @Test
    void aClientWithoutACredentialIsToldWhatToPresent() {
        assertRefused(ask(keyed, "read", TASK, "", ""), "no credential: players present the task's read token, the "
                + "annotation service its publisher credential, as ?token= in the URL");
    }

    @Test
    void anOpenDeploymentLetsAnyonePublishAndRead() {
        assertAllowed(ask(open, "publish", TASK, "", ""));
        assertAllowed(ask(open, "read", TASK, "", ""));
    }

    /** The request MediaMTX 1.x sends for an RTSP client (internal/auth/manager.go's field names). */
    private static HttpResponse<String> ask(Backend backend, String action, String path, String query,
            String password) {
        String body = "{\"user\":\"\",\"password\":\"" + password + "\",\"token\":\"\",\"ip\":\"172.18.0.5\","
                + "\"action\":\"" + action + "\",\"path\":\"" + path + "\",\"protocol\":\"rtsp\",\"id\":null,"
                + "\"query\":\"" + query + "\"}";
        return backend.send(HttpRequest.newBuilder(URI.create(backend.baseUrl() + AccessPolicy.RTSP_AUTH_PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static void assertAllowed(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(ALLOWED);
    }

    private static void assertRefused(HttpResponse<String> response, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body())
                .isEqualTo("{\"status\":401,\"error\":\"Unauthorized\",\"message\":\"" + message + "\"}");
    }
}
