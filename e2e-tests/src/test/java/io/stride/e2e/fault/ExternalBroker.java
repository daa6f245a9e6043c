package io.stride.e2e.fault;

import io.stride.e2e.ServiceProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one) as a process of its own, configured
 * like {@code scripts/start_local_pipeline.sh} configures it, so that it can be stopped and started again on the
 * same port and the same data directory. Runs the Kafka of this JVM's test classpath (the one the in-JVM test broker
 * uses), passed in the {@code CLASSPATH} variable rather than on the command line.
 */
public final class ExternalBroker implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    /** A clean shutdown flushes the logs and writes the clean-shutdown marker; give it time on a loaded machine. */
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(60);
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final String HEAP = "-Xmx512m";
    /** Room for a 4K frame, as {@code stride.kafka.max-message-bytes}. */
    private static final int MAX_MESSAGE_BYTES = 33_554_432;
    /** Retention is applied every 5 minutes by default: the long-task test needs it within seconds. */
    private static final String FAST_RETENTION_CHECK = "log.retention.check.interval.ms=1000";

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final Path properties;
    private final Path log;
    private Process process;

    private ExternalBroker(Path dir, int port, int controllerPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.properties = dir.resolve("server.properties");
        this.log = dir.resolve("kafka.log");
    }

    /**
     * Formats a new data directory under {@code dir}, starts the broker on free ports and waits until it listens.
     * Retention is applied every second instead of Kafka's five minutes, for the tests of long tasks.
     */
    public static ExternalBroker start(Path dir) throws IOException, InterruptedException {
        return start(dir, FAST_RETENTION_CHECK);
    }

    /** As {@link #start(Path)}, with Kafka's own retention check, exactly as the one-command run configures it. */
    public static ExternalBroker startAsTheLocalRun(Path dir) throws IOException, InterruptedException {
        return start(dir, "");
    }

    private static ExternalBroker start(Path dir, String extraConfiguration) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        var broker = new ExternalBroker(dir, ServiceProcess.freePort(), ServiceProcess.freePort());
        broker.writeConfiguration(extraConfiguration);
        broker.format();
        broker.startProcess();
        return broker;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** The broker's process id; the broker must be running. */
    public long pid() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("the broker is not running");
        }
        return process.pid();
    }

    /** Stops the broker gracefully (SIGTERM), as an operator would; its data directory stays. */
    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(GRACEFUL_STOP.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Starts the broker again on the same ports and data directory and waits until it listens. */
    void startAgain() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the broker is running");
        }
        startProcess();
    }

    private void writeConfiguration(String extraConfiguration) throws IOException {
        String config = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=localhost:" + controllerPort,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "offsets.topic.num.partitions=3",
                "message.max.bytes=" + MAX_MESSAGE_BYTES,
                extraConfiguration,
                "");
        Files.writeString(properties, config, StandardCharsets.UTF_8);
        // Kafka logs through SLF4J; on this classpath that is Logback, which logs everything at DEBUG unconfigured.
        Files.writeString(dir.resolve("logback.xml"), """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>
                """, StandardCharsets.UTF_8);
    }

    private void format() throws IOException, InterruptedException {
        Process format = java("kafka.tools.StorageTool", "format", "--standalone", "-t", Uuid.randomUuid().toString(),
                "-c", properties.toString()).redirectOutput(dir.resolve("format.log").toFile()).start();
        if (!format.waitFor(FORMAT_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IllegalStateException("formatting the Kafka storage failed; see " + dir.resolve("format.log")
                    + ":\n" + Files.readString(dir.resolve("format.log")));
        }
    }

    private void startProcess() throws IOException, InterruptedException {
        Files.writeString(log, "==== starting the broker\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        process = java("kafka.Kafka", properties.toString())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (!listening()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited with " + process.exitValue() + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Kafka broker did not listen within " + STARTUP_TIMEOUT + "; see " + log);
            }
            Thread.sleep(200);
        }
    }

    private boolean listening() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private ProcessBuilder java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-Dlogback.configurationFile=" + dir.resolve("logback.xml"), mainClass));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Under Surefire this is its manifest-only jar, which names the whole test classpath.
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        return builder;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
