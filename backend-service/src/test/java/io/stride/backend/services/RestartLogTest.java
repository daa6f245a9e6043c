package io.stride.backend.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartLogTest {

    @Test
    void eachServiceHasItsLatestRestartAndCount() {
        List<ServiceRestarts> restarts = RestartLog.parse(List.of(
                "2026-12-06T05:18:07+00:00 yolox 137 1",
                "2026-12-06T05:20:00+00:00 kafka 1 1",
                "2026-12-06T05:21:30+01:00 yolox 143 2"));

        assertThat(restarts).containsExactly(
                new ServiceRestarts("yolox", 2, Instant.parse("2026-12-06T04:21:30Z"), 143),
                new ServiceRestarts("kafka", 1, Instant.parse("2026-12-06T05:20:00Z"), 1));
    }

    @Test
    void linesThatDoNotParseAreSkipped() {
        assertThat(RestartLog.parse(List.of("", "2026-12-06T05:18:07+00:00 yolox", "yesterday yolox 137 1",
                "2026-12-06T05:18:07+00:00 yolox x 1", "2026-12-06T05:18:07+00:00 bytetrack 137 3")))
                .containsExactly(new ServiceRestarts("bytetrack", 3, Instant.parse("2026-12-06T05:18:07Z"), 137));
    }
}
