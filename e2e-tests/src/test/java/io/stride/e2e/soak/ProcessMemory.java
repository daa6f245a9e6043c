package io.stride.e2e.soak;

import io.stride.core.testing.StrideClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a service's process holds in memory now: its resident set (Linux) and its JVM's committed heap. */
final class ProcessMemory {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final double KIB_PER_MIB = 1024;
    private static final double BYTES_PER_MIB = 1024 * 1024;
    private static final String HEAP_COMMITTED = "/actuator/metrics/jvm.memory.committed?tag=area:heap";

    private ProcessMemory() {
    }

    /** The resident set ({@code VmRSS} of {@code /proc/<pid>/status}) in MiB. */
    static double rssMib(long pid) throws IOException {
        String prefix = "VmRSS:";
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith(prefix)) {
                return Long.parseLong(line.substring(prefix.length()).replace("kB", "").strip()) / KIB_PER_MIB;
            }
        }
        throw new IOException("no VmRSS for process " + pid + ": not Linux, or the process is gone");
    }

    /** The committed Java heap of the service at {@code baseUrl}, from its actuator, in MiB. */
    static double heapCommittedMib(String baseUrl) throws IOException {
        HttpResponse<String> response = new StrideClient(baseUrl).get(HEAP_COMMITTED);
        if (response.statusCode() != 200) {
            throw new IOException(baseUrl + HEAP_COMMITTED + " answered " + response.statusCode());
        }
        JsonNode value = JSON.readTree(response.body()).path("measurements").path(0).path("value");
        if (!value.isNumber()) {
            throw new IOException(baseUrl + HEAP_COMMITTED + " has no value: " + response.body());
        }
        return value.asDouble() / BYTES_PER_MIB;
    }
}
