package io.stride.e2e.fault;

import io.stride.core.testing.StrideClient;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How many frames one stage instance has produced, from its {@code stride_stage_frames_out_total} metric. */
final class StageFrameCounter {

    private static final Pattern FRAMES_OUT = Pattern.compile(
            "^stride_stage_frames_out_total\\{[^}]*\\}\\s+([0-9.eE+]+)\\s*$", Pattern.MULTILINE);
    private static final int OK = 200;

    private StageFrameCounter() {
    }

    /** The instance's frames out so far; 0 before its first frame (the counter only appears then). */
    static long framesOut(String baseUrl) {
        HttpResponse<String> metrics = new StrideClient(baseUrl).get("/actuator/prometheus");
        if (metrics.statusCode() != OK) {
            throw new AssertionError(baseUrl + "/actuator/prometheus answered " + metrics.statusCode());
        }
        return parse(metrics.body());
    }

    /** The sum of the {@code stride_stage_frames_out_total} samples in a Prometheus text exposition. */
    static long parse(String exposition) {
        Matcher matcher = FRAMES_OUT.matcher(exposition);
        double sum = 0;
        while (matcher.find()) {
            sum += Double.parseDouble(matcher.group(1));
        }
        return Math.round(sum);
    }
}
