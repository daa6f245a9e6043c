package io.stride.backend.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.core.security.ApiKey;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Which requests the filter lets through, where it reads the key, and its 401 answer. */
class ApiKeyFilterTest {

    private static final String KEY = "s3cret key/+";

    private final ApiKeyFilter filter = new ApiKeyFilter(new SecurityProperties(KEY));

    @Test
    void theKeyIsReadFromTheQueryStringDecoded() {
        assertThat(ApiKeyFilter.queryParameter("a=1&api_key=s3cret%20key%2F%2B&b=2", "api_key")).isEqualTo(KEY);
        assertThat(ApiKeyFilter.queryParameter("api_key", "api_key")).isEmpty();
        assertThat(ApiKeyFilter.queryParameter("x_api_key=1", "api_key")).isNull();
        assertThat(ApiKeyFilter.queryParameter(null, "api_key")).isNull();
        assertThat(ApiKeyFilter.queryParameter("api_key=%zz", "api_key")).isEqualTo("%zz");
    }

    @Test
    void withoutAKeyTheAnswerIs401WithAJsonBody() throws Exception {
        MockHttpServletResponse response = run(request("/tasks"));

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(response.getContentAsString()).isEqualTo("{\"status\":401,\"error\":\"Unauthorized\",\"message\":"
                + "\"this server requires an API key: send it in the X-API-Key header or the api_key query "
                + "parameter\"}");
    }

    @Test
    void aWrongKeyIsToldApart() throws Exception {
        MockHttpServletRequest request = request("/status/x");
        request.addHeader(ApiKey.HEADER, "guess");

        MockHttpServletResponse response = run(request);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentAsString()).contains("\"message\":\"the API key is wrong\"");
    }

    @Test
    void theRightKeyInTheHeaderOrTheQueryPasses() throws Exception {
        MockHttpServletRequest header = request("/tasks");
        header.addHeader(ApiKey.HEADER, KEY);
        MockHttpServletRequest query = request("/result/x");
        query.setQueryString("api_key=s3cret+key%2F%2B");

        assertThat(passes(header)).isTrue();
        assertThat(passes(query)).isTrue();
    }

    @Test
    void healthMetricsAndThePageAreOpenAndNothingElse() throws Exception {
        for (String open : new String[] {"/actuator/health", "/actuator/health/readiness", "/actuator/prometheus",
                "/actuator/metrics", "/actuator/metrics/jvm.memory.used", "/", "/index.html", "/app.js"}) {
            assertThat(passes(request(open))).as(open).isTrue();
        }
        for (String closed : new String[] {"/actuator/healthz", "/actuator/info", "/config.json", "/tasks/events",
                "/v3/api-docs", "/upload", "/actuator/health%2F..%2F..%2Ftasks"}) {
            assertThat(passes(request(closed))).as(closed).isFalse();
        }
    }

    @Test
    void aBlankKeyLeavesEverythingOpen() throws Exception {
        var open = new ApiKeyFilter(new SecurityProperties("  "));
        var chain = new MockFilterChain();

        open.doFilter(request("/tasks"), new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isNotNull();
    }

    private static MockHttpServletRequest request(String path) {
        var request = new MockHttpServletRequest("GET", path);
        request.setServletPath(path);
        return request;
    }

    private MockHttpServletResponse run(MockHttpServletRequest request) throws Exception {
        var response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    private boolean passes(MockHttpServletRequest request) throws Exception {
        var chain = new MockFilterChain();
        filter.doFilter(request, new MockHttpServletResponse(), chain);
        return chain.getRequest() != null;
    }
}
