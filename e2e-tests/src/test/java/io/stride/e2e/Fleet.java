package io.stride.e2e;

import io.stride.core.testing.StrideClient;
import io.stride.core.testing.TestBroker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The five services, each in its own JVM started from its executable jar, and a real KRaft broker: wired
 * exactly as {@code scripts/start_local_pipeline.sh} wires them.
 */
final class Fleet implements AutoCloseable {

    static final List<String> SERVICES = List.of("backend", "yolox", "bytetrack", "rtmpose", "annotation");

    private final TestBroker broker = new TestBroker();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Path dataDir;
    private final int rtspPort;

    Fleet(Path dataDir, Path yoloxModel, Path poseModel, String... extraArgs) throws Exception {
        this.dataDir = dataDir;
        this.rtspPort = ServiceProcess.freePort();
        List<String> args = Stream.concat(Stream.of(
                "--stride.rtsp.embedded.port=" + rtspPort,
                "--stride.rtsp.publish-url=rtsp://localhost:" + rtspPort,
                "--stride.backend.rtsp-port=" + rtspPort,
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--stride.storage.jobs-dir=" + jobsDir(),
                "--stride.storage.results-dir=" + resultsDir(),
                "--stride.backend.cleanup-delay=2s",
                "--stride.yolox.model-path=" + yoloxModel,
                "--stride.rtmpose.model-path=" + poseModel), Stream.of(extraArgs)).toList();
        try {
            for (String name : SERVICES) {
                services.put(name, ServiceProcess.start(name, dataDir.resolve("logs"), args));
            }
            for (ServiceProcess service : services.values()) {
                service.awaitHealthy();
            }
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    StrideClient client() {
        return new StrideClient(services.get("backend").baseUrl());
    }

    /** {@code http://localhost:<port>} of one of the {@link #SERVICES}. */
    String baseUrl(String service) {
        ServiceProcess process = services.get(service);
        if (process == null) {
            throw new IllegalArgumentException("no service " + service + " in " + SERVICES);
        }
        return process.baseUrl();
    }

    /** Port of the RTSP server embedded in the annotation service. */
    int rtspPort() {
        return rtspPort;
    }

    TestBroker broker() {
        return broker;
    }

    Path jobsDir() {
        return dataDir.resolve("jobs");
    }

    Path resultsDir() {
        return dataDir.resolve("results");
    }

    /** Peak resident memory of each service so far, in MiB. */
    Map<String, Long> peakRssMib() {
        Map<String, Long> peaks = new LinkedHashMap<>();
        services.forEach((name, service) -> peaks.put(name, service.peakRssMib()));
        return peaks;
    }

    @Override
    public void close() throws InterruptedException {
        List<ServiceProcess> running = new ArrayList<>(services.values());
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        broker.close();
    }
}
