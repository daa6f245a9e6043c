package io.stride.e2e.bench;

import io.stride.core.testing.StrideClient;
import io.stride.e2e.fault.ExternalBroker;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The end-to-end tests' fleet, {@code io.stride.e2e.Fleet}: the five services as separate JVMs started from their
 * executable jars, wired to a real KRaft broker in this JVM exactly as the run script wires them.
 *
 * <p>{@code Fleet} and its {@code ServiceProcess} are package-private in {@code io.stride.e2e}; this harness lives
 * in its own package and reaches them reflectively, which is all the access it needs (start, client, each
 * service's URL and process id, pause, stop) without a second copy of the launch code. Public for the memory
 * soak ({@code io.stride.e2e.soak}), which drives the same fleet.
 */
public final class FleetHandle implements AutoCloseable {

    private static final String FLEET = "io.stride.e2e.Fleet";

    private final Object fleet;
    private final Map<String, ServiceView> services = new LinkedHashMap<>();
    private final String bootstrapServers;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The broker's own process, or null when the broker runs in this JVM. */
    private ExternalBroker broker;

    /** One service of the fleet as this harness sees it. */
    public record ServiceView(String name, String baseUrl, long pid) {
    }

    private FleetHandle(Object fleet) throws ReflectiveOperationException {
        this.fleet = fleet;
        Field bootstrap = fleet.getClass().getDeclaredField("bootstrapServers");
        bootstrap.setAccessible(true);
        this.bootstrapServers = (String) bootstrap.get(fleet);
        Field field = fleet.getClass().getDeclaredField("services");
        field.setAccessible(true);
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) field.get(fleet)).entrySet()) {
            Object service = entry.getValue();
            Method baseUrl = service.getClass().getDeclaredMethod("baseUrl");
            baseUrl.setAccessible(true);
            Field process = service.getClass().getDeclaredField("process");
            process.setAccessible(true);
            String name = (String) entry.getKey();
            services.put(name, new ServiceView(name, (String) baseUrl.invoke(service),
                    ((Process) process.get(service)).pid()));
        }
    }

    /**
     * Starts the fleet and waits until every service is healthy. Must run with the {@code e2e-tests} module as
     * the working directory: the fleet finds the executable jars at {@code ../<service>-service/target}.
     */
    public static FleetHandle start(Path dataDir, Path yoloxModel, Path poseModel, List<String> arguments)
            throws Exception {
        Constructor<?> constructor = Class.forName(FLEET)
                .getDeclaredConstructor(Path.class, Path.class, Path.class, String[].class);
        constructor.setAccessible(true);
        try {
            return new FleetHandle(constructor.newInstance(dataDir, yoloxModel, poseModel,
                    arguments.toArray(String[]::new)));
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /**
     * Starts a broker as a process of its own, configured as the one-command run starts it, and the fleet on it:
     * the broker's CPU is then its own, apart from this JVM's (the baseline, the polling, their compilation).
     */
    public static FleetHandle startOnBrokerProcess(Path dataDir, Path yoloxModel, Path poseModel,
                                                   List<String> arguments) throws Exception {
        ExternalBroker broker = ExternalBroker.startAsTheLocalRun(dataDir.resolve("kafka"));
        try {
            Method onBroker = Class.forName(FLEET).getDeclaredMethod("onBroker", String.class, Path.class, Path.class,
                    Path.class, List.class);
            onBroker.setAccessible(true);
            FleetHandle handle = new FleetHandle(onBroker.invoke(null, broker.bootstrapServers(), dataDir, yoloxModel,
                    poseModel, arguments));
            handle.broker = broker;
            return handle;
        } catch (InvocationTargetException e) {
            broker.close();
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (ReflectiveOperationException | RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** The broker's process id: its own process's, or this JVM's when it runs here. */
    public long brokerPid() {
        return broker != null ? broker.pid() : ProcessHandle.current().pid();
    }

    public StrideClient client() {
        return new StrideClient(services.get("backend").baseUrl());
    }

    /** The broker the services talk to. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The services in the order of the chain, backend first. */
    public Map<String, ServiceView> services() {
        return services;
    }

    /**
     * Stops every service's process (SIGSTOP), so that work run meanwhile in this JVM has the machine to itself
     * instead of sharing it with five idle JVMs. Their Kafka sessions (45 s) outlast a baseline run.
     */
    void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Lets the services run again after {@link #pause()}. */
    void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        for (ServiceView service : services.values()) {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(service.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IOException("kill -" + signal + " " + service.pid() + " (" + service.name() + ") failed");
            }
        }
    }

    /** Peak resident memory of each service so far, in MiB. */
    @SuppressWarnings("unchecked")
    public Map<String, Long> peakRssMib() throws ReflectiveOperationException {
        Method peaks = fleet.getClass().getDeclaredMethod("peakRssMib");
        peaks.setAccessible(true);
        return (Map<String, Long>) peaks.invoke(fleet);
    }

    /**
     * Stops the fleet also when this JVM is stopped (Ctrl-C, SIGTERM): a harness interrupted in a long run would
     * otherwise leave five service JVMs running without their broker.
     */
    public FleetHandle closingOnExit() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                close();
            } catch (ReflectiveOperationException e) {
                System.err.println("[fleet] could not stop the services: " + e);
            }
        }, "fleet-shutdown"));
        return this;
    }

    /** Stops the services and the broker, once. */
    @Override
    public void close() throws ReflectiveOperationException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Method close = fleet.getClass().getDeclaredMethod("close");
        close.setAccessible(true);
        try {
            close.invoke(fleet);
        } finally {
            if (broker != null) {
                try {
                    broker.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
