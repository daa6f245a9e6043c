package io.stride.backend.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code stride.upload.bytes{outcome}}: the size of every {@code POST /upload} request body, {@code accepted}
 * when it started a task and {@code rejected} otherwise (too large, not a video, …). Measured from the request
 * headers, so an upload refused for its size is counted without being read.
 */
@Component
public class UploadSizeMetrics extends OncePerRequestFilter {

    static final String UPLOAD_PATH = "/upload";

    private final DistributionSummary accepted;
    private final DistributionSummary rejected;

    public UploadSizeMetrics(MeterRegistry registry) {
        this.accepted = summary(registry, "accepted");
        this.rejected = summary(registry, "rejected");
    }

    private static DistributionSummary summary(MeterRegistry registry, String outcome) {
        return DistributionSummary.builder("stride.upload.bytes")
                .tag("outcome", outcome)
                .description("Size of upload requests")
                .baseUnit("bytes")
                .register(registry);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !UPLOAD_PATH.equals(request.getServletPath());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean threw = true;
        try {
            chain.doFilter(request, response);
            threw = false;
        } finally {
            long size = request.getContentLengthLong();
            if (size >= 0) {
                boolean ok = !threw && response.getStatus() < HttpStatus.BAD_REQUEST.value();
                (ok ? accepted : rejected).record(size);
            }
        }
    }
}
