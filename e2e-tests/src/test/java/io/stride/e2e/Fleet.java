package io.stride.e2e;

import io.stride.core.testing.StrideClient;
import io.stride.core.testing.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The five services, each in its own JVM started from its executable jar, and a real KRaft broker: wired
 * exactly as {@code scripts/start_local_pipeline.sh} wires them. The broker is in this JVM, or, for the fault
 * tests that stop it, a process of its own that the caller runs ({@link #onBroker}).
 *
 * <p>Instances can be killed, started again and added ({@link #kill}, {@link #startAgain}, {@link #addInstance}).
 */
public final class Fleet implements AutoCloseable {

    public static final List<String> SERVICES = List.of("backend", "yolox", "bytetrack", "rtmpose", "annotation");

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

    /** The in-JVM broker; null when the fleet runs on a broker the caller owns. */
    private final TestBroker broker;
    private final String bootstrapServers;
    /** Every running instance by name: the five services, then any added instance. */
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Path dataDir;
    private final int rtspPort;
    private final List<String> args;

    Fleet(Path dataDir, Path yoloxModel, Path poseModel, String... extraArgs) throws Exception {
        this(new TestBroker(), null, dataDir, yoloxModel, poseModel, List.of(extraArgs));
    }

    private Fleet(TestBroker broker, String externalBootstrapServers, Path dataDir, Path yoloxModel, Path poseModel,
                  List<String> extraArgs) throws Exception {
        this.broker = broker;
        this.bootstrapServers = broker != null ? broker.bootstrapServers() : externalBootstrapServers;
        this.dataDir = dataDir;
        this.rtspPort = ServiceProcess.freePort();
        this.args = Stream.concat(Stream.of(
                "--stride.rtsp.embedded.port=" + rtspPort,
                "--stride.rtsp.publish-url=rtsp://localhost:" + rtspPort,
                "--stride.backend.rtsp-port=" + rtspPort,
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--stride.storage.jobs-dir=" + jobsDir(),
                "--stride.storage.results-dir=" + resultsDir(),
                "--stride.backend.cleanup-delay=2s",
                "--stride.yolox.model-path=" + yoloxModel,
                "--stride.rtmpose.model-path=" + poseModel), extraArgs.stream()).toList();
        try {
            for (String name : SERVICES) {
                services.put(name, ServiceProcess.start(name, logDir(), args));
            }
            for (ServiceProcess service : services.values()) {
                service.awaitHealthy();
            }
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /**
     * The five services on a broker the caller runs and may stop and start (closing the fleet leaves it running).
     *
     * @param extraArgs Spring arguments for every service, after the fleet's own
     */
    public static Fleet onBroker(String bootstrapServers, Path dataDir, Path yoloxModel, Path poseModel,
                                 List<String> extraArgs) throws Exception {
        return new Fleet(null, bootstrapServers, dataDir, yoloxModel, poseModel, extraArgs);
    }

    public StrideClient client() {
        return new StrideClient(services.get("backend").baseUrl());
    }

    /** {@code http://localhost:<port>} of one of the {@link #SERVICES} or an added instance. */
    public String baseUrl(String service) {
        return instance(service).baseUrl();
    }

    /** A running instance: one of the {@link #SERVICES} or one added with {@link #addInstance}. */
    public ServiceProcess instance(String name) {
        ServiceProcess process = services.get(name);
        if (process == null) {
            throw new IllegalArgumentException("no instance " + name + " in " + services.keySet());
        }
        return process;
    }

    /** Kills an instance with SIGKILL; it keeps its place, to be started again with {@link #startAgain}. */
    public int kill(String name) throws InterruptedException {
        return instance(name).kill();
    }

    /**
     * Starts a killed or stopped instance again on its port and waits until it is healthy.
     *
     * @param overrides Spring arguments that replace the ones of the same property (or are added)
     */
    public ServiceProcess startAgain(String name, String... overrides) throws Exception {
        ServiceProcess old = instance(name);
        ServiceProcess started = old.startAgain(withOverrides(old.args(), List.of(overrides)));
        services.put(name, started);
        return started.awaitHealthy();
    }

    /** Stops an instance gracefully and starts it again with {@code overrides} (see {@link #startAgain}). */
    public ServiceProcess restart(String name, String... overrides) throws Exception {
        instance(name).close();
        return startAgain(name, overrides);
    }

    /** Starts one more instance of {@code service} (same consumer group, own port) and waits until it is healthy. */
    public ServiceProcess addInstance(String service, String name) throws Exception {
        if (services.containsKey(name)) {
            throw new IllegalArgumentException("an instance called " + name + " exists already");
        }
        ServiceProcess added = ServiceProcess.start(name, service, ServiceProcess.freePort(), logDir(), args);
        services.put(name, added);
        return added.awaitHealthy();
    }

    /** Stops an instance added with {@link #addInstance} and forgets it. */
    public void removeInstance(String name) throws InterruptedException {
        if (SERVICES.contains(name)) {
            throw new IllegalArgumentException(name + " is one of the fleet's five services; stop it with kill");
        }
        instance(name).close();
        services.remove(name);
    }

    /** Port of the RTSP server embedded in the annotation service. */
    int rtspPort() {
        return rtspPort;
    }

    /** The in-JVM broker; only for a fleet made with the constructor, not {@link #onBroker}. */
    TestBroker broker() {
        if (broker == null) {
            throw new IllegalStateException("this fleet runs on a broker of its caller's: use topics()");
        }
        return broker;
    }

    /** The broker's topics now. */
    public Set<String> topics() throws Exception {
        if (broker != null) {
            return broker.topics();
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis()))) {
            return admin.listTopics().names().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public Path jobsDir() {
        return dataDir.resolve("jobs");
    }

    public Path resultsDir() {
        return dataDir.resolve("results");
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    /** Peak resident memory of each service so far, in MiB. */
    Map<String, Long> peakRssMib() {
        Map<String, Long> peaks = new LinkedHashMap<>();
        services.forEach((name, service) -> peaks.put(name, service.peakRssMib()));
        return peaks;
    }

    /** {@code args} without those setting a property that {@code overrides} sets, then {@code overrides}. */
    public static List<String> withOverrides(List<String> args, List<String> overrides) {
        List<String> keys = overrides.stream().map(Fleet::propertyOf).toList();
        List<String> merged = new ArrayList<>(args.stream().filter(a -> !keys.contains(propertyOf(a))).toList());
        merged.addAll(overrides);
        return merged;
    }

    private static String propertyOf(String argument) {
        int equals = argument.indexOf('=');
        return equals < 0 ? argument : argument.substring(0, equals);
    }

    @Override
    public void close() throws InterruptedException {
        List<ServiceProcess> running = new ArrayList<>(services.values());
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        if (broker != null) {
            broker.close();
        }
    }
}
