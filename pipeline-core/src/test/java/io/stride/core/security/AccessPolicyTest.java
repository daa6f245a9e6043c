package io.stride.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.core.security.AccessPolicy.Decision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    private static final String KEY = "operator-key-0123456789";
    private static final String TASK = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    private static final String OTHER = "00000000-1111-4222-8333-444444444444";
    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");

    private final AccessPolicy policy = policyAt(NOW);

    @Test
    void withoutAnOperatorKeyEverythingIsOpenAndURLsCarryNoToken() {
        var open = AccessPolicy.of(new SecurityProperties("", "", Duration.ofHours(24)), Clock.systemUTC());

        assertThat(open.isOpen()).isTrue();
        assertThat(open.decide("DELETE", "/tasks/" + TASK, null, null)).isEqualTo(Decision.ALLOWED);
        assertThat(open.tokenFor(TASK)).isEmpty();
    }

    @Test
    void theOperatorKeyInItsHeaderOpensEverything() {
        assertThat(policy.decide("POST", "/upload", KEY, null)).isEqualTo(Decision.ALLOWED);
        assertThat(policy.decide("DELETE", "/tasks/" + TASK, KEY, null)).isEqualTo(Decision.ALLOWED);
        assertThat(policy.decide("GET", "/tasks", "wrong", null)).isEqualTo(Decision.WRONG);
        assertThat(policy.decide("GET", "/tasks", null, null)).isEqualTo(Decision.MISSING);
    }

    @Test
    void aTaskTokenReadsItsTaskAndNothingElse() {
        String token = policy.tokenFor(TASK).orElseThrow();

        assertThat(policy.decide("GET", "/status/" + TASK, null, token)).isEqualTo(Decision.ALLOWED);
        assertThat(policy.decide("HEAD", "/result/" + TASK + "/video.mp4", null, token)).isEqualTo(Decision.ALLOWED);
        assertThat(policy.decide("GET", "/preview/" + TASK, null, token)).isEqualTo(Decision.ALLOWED);
        assertThat(policy.decide("GET", "/result/" + TASK + ".jsonl", null, token)).isEqualTo(Decision.ALLOWED);
        assertThat(policy.decide("GET", "/status/" + OTHER, null, token)).isEqualTo(Decision.WRONG);
        assertThat(policy.decide("GET", "/result/" + TASK + "%2F..%2F" + OTHER, null, token))
                .as("an encoded slash stays in the path the container hands over").isEqualTo(Decision.WRONG);
        assertThat(policy.decide("DELETE", "/tasks/" + TASK, null, token)).isEqualTo(Decision.FORBIDDEN);
        assertThat(policy.decide("POST", "/upload", null, token)).isEqualTo(Decision.WRONG);
        assertThat(policy.decide("GET", "/tasks", null, token)).isEqualTo(Decision.WRONG);
        assertThat(policy.mayRead(TASK, token)).isTrue();
        assertThat(policy.mayRead(OTHER, token)).isFalse();
        assertThat(policy.isOperator(token)).isFalse();
    }

    @Test
    void aTokenExpiresAfterItsLifetime() {
        String token = policy.tokenFor(TASK).orElseThrow();

        assertThat(policyAt(NOW.plus(Duration.ofHours(24)).minusSeconds(1)).mayRead(TASK, token)).isTrue();
        assertThat(policyAt(NOW.plus(Duration.ofHours(24))).mayRead(TASK, token)).isFalse();
    }

    @Test
    void aForgedOrMangledTokenOpensNothing() {
        String token = policy.tokenFor(TASK).orElseThrow();
        String laterExpiry = (Long.parseLong(token.substring(0, token.indexOf('.'))) + 3600)
                + token.substring(token.indexOf('.'));

        assertThat(policy.mayRead(TASK, laterExpiry)).isFalse();
        assertThat(policy.mayRead(TASK, token.substring(0, token.length() - 2))).isFalse();
        assertThat(policy.mayRead(TASK, "")).isFalse();
        assertThat(policy.mayRead(TASK, "123.%%%")).isFalse();
        assertThat(policy.mayRead(TASK, null)).isFalse();
    }

    @Test
    void changingTheOperatorKeyRevokesEveryToken() {
        String token = policy.tokenFor(TASK).orElseThrow();
        var rotated = AccessPolicy.of(new SecurityProperties("another-key-0123456789", "", Duration.ofHours(24)),
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(rotated.mayRead(TASK, token)).isFalse();
    }

    @Test
    void onlyThePublisherCredentialPublishesAndItReadsNothing() {
        String publisher = policy.publisherCredential().orElseThrow();

        assertThat(policy.mayPublish(publisher)).isTrue();
        assertThat(policy.mayPublish(KEY)).isFalse();
        assertThat(policy.mayPublish(policy.tokenFor(TASK).orElseThrow())).isFalse();
        assertThat(policy.mayPublish(null)).isFalse();
        assertThat(policy.mayRead(TASK, publisher)).isFalse();
        assertThat(publisher).doesNotContain(KEY);
    }

    @Test
    void healthMetricsAndThePageNeedNoCredential() {
        assertThat(policy.decide("GET", "/actuator/health/readiness", null, null)).isEqualTo(Decision.ALLOWED);
        assertThat(policy.decide("GET", "/actuator/prometheus", null, null)).isEqualTo(Decision.ALLOWED);
        assertThat(policy.decide("GET", "/app.js", null, null)).isEqualTo(Decision.ALLOWED);
        assertThat(policy.decide("GET", "/actuator/env", null, null)).isEqualTo(Decision.MISSING);
    }

    private static AccessPolicy policyAt(Instant now) {
        return AccessPolicy.of(new SecurityProperties(KEY, "", Duration.ofHours(24)), Clock.fixed(now, ZoneOffset.UTC));
    }
}
