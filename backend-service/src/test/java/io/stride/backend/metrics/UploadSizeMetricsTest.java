package io.stride.backend.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class UploadSizeMetricsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final UploadSizeMetrics filter = new UploadSizeMetrics(meters);

    @Test
    void countsTheBodyOfUploadsByOutcome() throws Exception {
        send("POST", "/upload", 1234, HttpServletResponse.SC_OK);
        send("POST", "/upload", 5000, HttpServletResponse.SC_OK);
        send("POST", "/upload", 777, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);

        assertThat(uploads("accepted").count()).isEqualTo(2);
        assertThat(uploads("accepted").totalAmount()).isEqualTo(6234);
        assertThat(uploads("rejected").count()).isEqualTo(1);
        assertThat(uploads("rejected").totalAmount()).isEqualTo(777);
    }

    @Test
    void otherRequestsAreNotUploads() throws Exception {
        send("GET", "/upload", 10, HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        send("POST", "/status/x", 10, HttpServletResponse.SC_METHOD_NOT_ALLOWED);

        assertThat(uploads("accepted").count()).isZero();
        assertThat(uploads("rejected").count()).isZero();
    }

    private void send(String method, String path, int bytes, int status) throws Exception {
        var request = new MockHttpServletRequest(method, path);
        request.setServletPath(path);
        request.setContent(new byte[bytes]);
        filter.doFilter(request, new MockHttpServletResponse(),
                (req, res) -> ((HttpServletResponse) res).setStatus(status));
    }

    private DistributionSummary uploads(String outcome) {
        return meters.get("stride.upload.bytes").tag("outcome", outcome).summary();
    }
}
