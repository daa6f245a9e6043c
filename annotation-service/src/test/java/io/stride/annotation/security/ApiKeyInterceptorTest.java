package io.stride.annotation.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.core.security.ApiKey;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ApiKeyInterceptorTest {

    private final ApiKeyInterceptor interceptor = new ApiKeyInterceptor(ApiKey.of("s3cret").orElseThrow());

    @Test
    void theKeyInTheHeaderLetsTheRequestThrough() throws Exception {
        var request = new MockHttpServletRequest("GET", "/preview/x");
        request.addHeader("X-API-Key", "s3cret");
        var response = new MockHttpServletResponse();

        assertThat(interceptor.preHandle(request, response, null)).isTrue();
        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void theKeyAsQueryParameterLetsTheRequestThrough() throws Exception {
        var request = new MockHttpServletRequest("GET", "/preview/x");
        request.setParameter("api_key", "s3cret");

        assertThat(interceptor.preHandle(request, new MockHttpServletResponse(), null)).isTrue();
    }

    @Test
    void noKeyOrAWrongOneIsAnsweredWith401AndTheJsonErrorBody() throws Exception {
        var wrong = new MockHttpServletRequest("GET", "/preview/x");
        wrong.addHeader("X-API-Key", "guess");
        for (var request : new MockHttpServletRequest[] {new MockHttpServletRequest("GET", "/preview/x"), wrong}) {
            var response = new MockHttpServletResponse();

            assertThat(interceptor.preHandle(request, response, null)).isFalse();

            assertThat(response.getStatus()).isEqualTo(401);
            assertThat(response.getContentType()).startsWith("application/json");
            assertThat(response.getContentAsString()).isEqualTo("{\"status\":401,\"error\":\"Unauthorized\","
                    + "\"message\":\"a valid API key is required (X-API-Key header or api_key query parameter)\"}");
        }
    }

    @Test
    void aBlankPropertyRequiresNoKey() {
        assertThat(new ApiKeyProperties("").required()).isEmpty();
        assertThat(new ApiKeyProperties(" s3cret ").required()).get().satisfies(key -> assertThat(key.accepts("s3cret")).isTrue());
        assertThat(new ApiKeyProperties("s3cret").toString()).doesNotContain("s3cret");
    }
}
