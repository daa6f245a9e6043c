package io.stride.backend.rtspauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.backend.rtspauth.RtspAuthorizer.Verdict;
import io.stride.core.security.AccessPolicy;
import io.stride.core.security.SecurityProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The decision on every kind of request MediaMTX sends, for a deployment with an operator key and an open one. */
class RtspAuthorizerTest {

    private static final String KEY = "operator-key-of-the-test";
    private static final String TASK = "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    private static final String OTHER_TASK = "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d";
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private final AccessPolicy policy = policyAt(NOW);
    private final RtspAuthorizer authorizer = new RtspAuthorizer(policy);
    private final String readToken = policy.tokenFor(TASK).orElseThrow();
    private final String publisher = policy.publisherCredential().orElseThrow();

    @Test
    void aTaskTokenReadsItsTaskAndNothingElse() {
        assertThat(decide("read", TASK, "token=" + readToken)).isEqualTo(Verdict.ALLOWED);
        assertThat(decide("playback", TASK, "token=" + readToken)).isEqualTo(Verdict.ALLOWED);
        assertThat(decide("read", OTHER_TASK, "token=" + readToken)).isEqualTo(Verdict.NOT_READER);
        assertThat(decide("publish", TASK, "token=" + readToken)).isEqualTo(Verdict.NOT_PUBLISHER);
        assertThat(decide("api", "", "token=" + readToken)).isEqualTo(Verdict.NOT_OPERATOR);
    }

    @Test
    void anExpiredTaskTokenNoLongerReads() {
        var later = new RtspAuthorizer(policyAt(NOW.plus(Duration.ofHours(25))));

        assertThat(later.decide(request("read", TASK, "token=" + readToken, "", ""))).isEqualTo(Verdict.NOT_READER);
    }

    @Test
    void thePublisherCredentialPublishesAndReadsNothing() {
        assertThat(decide("publish", TASK, "token=" + publisher)).isEqualTo(Verdict.ALLOWED);
        assertThat(decide("read", TASK, "token=" + publisher)).isEqualTo(Verdict.NOT_READER);
        assertThat(decide("metrics", "", "token=" + publisher)).isEqualTo(Verdict.NOT_OPERATOR);
    }

    @Test
    void theOperatorKeyReadsEveryTaskAndOpensTheApiButDoesNotPublish() {
        assertThat(authorizer.decide(request("read", OTHER_TASK, "", KEY, ""))).isEqualTo(Verdict.ALLOWED);
        for (String action : new String[] {"api", "metrics", "pprof"}) {
            assertThat(authorizer.decide(request(action, "", "", KEY, ""))).as(action).isEqualTo(Verdict.ALLOWED);
        }
        assertThat(authorizer.decide(request("publish", TASK, "", KEY, ""))).isEqualTo(Verdict.NOT_PUBLISHER);
    }

    @Test
    void withoutACredentialNothingIsAllowed() {
        for (String action : new String[] {"publish", "read", "playback", "api", "metrics", "pprof"}) {
            assertThat(decide(action, TASK, "")).as(action).isEqualTo(Verdict.NO_CREDENTIAL);
        }
        assertThat(decide("read", TASK, "token=")).isEqualTo(Verdict.NO_CREDENTIAL);
        assertThat(authorizer.decide(new RtspAuthRequest(null, null, null, null, "read", TASK, null, null, null)))
                .isEqualTo(Verdict.NO_CREDENTIAL);
    }

    @Test
    void anUnknownOrMissingActionIsRefusedWhateverTheCredential() {
        assertThat(decide("delete", TASK, "token=" + readToken)).isEqualTo(Verdict.UNKNOWN_ACTION);
        assertThat(authorizer.decide(request(null, TASK, "", KEY, ""))).isEqualTo(Verdict.UNKNOWN_ACTION);
        assertThat(openAuthorizer().decide(request("Read", TASK, "", "", ""))).isEqualTo(Verdict.UNKNOWN_ACTION);
    }

    @Test
    void anOpenDeploymentAllowsEveryoneEverything() {
        RtspAuthorizer open = openAuthorizer();

        for (String action : new String[] {"publish", "read", "playback", "api", "metrics", "pprof"}) {
            assertThat(open.decide(request(action, TASK, "", "", ""))).as(action).isEqualTo(Verdict.ALLOWED);
        }
        assertThat(open.decide(request("read", TASK, "token=anything", "", ""))).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void theCredentialIsTheTokenQueryParameterThenThePasswordThenTheTokenField() {
        assertThat(RtspAuthorizer.credentialOf(request("read", TASK, "a=1&token=from-query&b", "pw", "tk")))
                .isEqualTo("from-query");
        assertThat(RtspAuthorizer.credentialOf(request("read", TASK, "token=&a=1", "pw", "tk"))).isEqualTo("pw");
        assertThat(RtspAuthorizer.credentialOf(request("read", TASK, "", " ", "tk"))).isEqualTo("tk");
        assertThat(RtspAuthorizer.credentialOf(request("read", TASK, "tokens=x&api_key=y", "", ""))).isNull();
        assertThat(RtspAuthorizer.credentialOf(request("read", TASK, "token=a%2Fb%20c", "", ""))).isEqualTo("a/b c");
        assertThat(RtspAuthorizer.credentialOf(request("read", TASK, "token=%zz", "", ""))).isEqualTo("%zz");

        assertThat(authorizer.decide(request("read", TASK, "", readToken, ""))).isEqualTo(Verdict.ALLOWED);
        assertThat(authorizer.decide(request("publish", TASK, "", "", publisher))).isEqualTo(Verdict.ALLOWED);
        assertThat(authorizer.decide(request("read", TASK, "token=wrong", readToken, "")))
                .as("the query's token is the credential, even when the password would open the task")
                .isEqualTo(Verdict.NOT_READER);
    }

    @Test
    void aPathWithItsLeadingSlashIsTheSameTask() {
        assertThat(RtspAuthorizer.taskOf("/" + TASK)).isEqualTo(TASK);
        assertThat(RtspAuthorizer.taskOf(TASK)).isEqualTo(TASK);
        assertThat(RtspAuthorizer.taskOf(null)).isEmpty();
        assertThat(decide("read", "/" + TASK, "token=" + readToken)).isEqualTo(Verdict.ALLOWED);
        assertThat(decide("read", TASK + "/sub", "token=" + readToken)).isEqualTo(Verdict.NOT_READER);
    }

    @Test
    void theRefusalsSayWhyWithoutACredential() {
        assertThat(Verdict.ALLOWED.message()).isNull();
        assertThat(Verdict.NO_CREDENTIAL.message()).isEqualTo("no credential: players present the task's read "
                + "token, the annotation service its publisher credential, as ?token= in the URL");
        assertThat(Verdict.NOT_PUBLISHER.message()).isEqualTo("only the annotation service's publisher credential "
                + "publishes");
        assertThat(Verdict.NOT_READER.message()).isEqualTo("the credential does not read this task");
        assertThat(Verdict.NOT_OPERATOR.message()).isEqualTo("this action needs the operator key");
        assertThat(Verdict.UNKNOWN_ACTION.message()).isEqualTo("unknown action");
        assertThat(request("read", TASK, "token=" + readToken, KEY, publisher).toString())
                .isEqualTo("RtspAuthRequest[action=read, path=" + TASK + ", protocol=rtsp, ip=172.18.0.5]")
                .doesNotContain(readToken, KEY, publisher);
    }

    private Verdict decide(String action, String path, String query) {
        return authorizer.decide(request(action, path, query, "", ""));
    }

    /** As MediaMTX sends it for an RTSP client without basic authentication. */
    private static RtspAuthRequest request(String action, String path, String query, String password, String token) {
        return new RtspAuthRequest("", password, token, "172.18.0.5", action, path, "rtsp", null, query);
    }

    private static AccessPolicy policyAt(Instant now) {
        return AccessPolicy.of(new SecurityProperties(KEY, "", Duration.ofHours(24)),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static RtspAuthorizer openAuthorizer() {
        return new RtspAuthorizer(AccessPolicy.of(new SecurityProperties("", "", Duration.ofHours(24)),
                Clock.systemUTC()));
    }
}
