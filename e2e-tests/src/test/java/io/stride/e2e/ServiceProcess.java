package io.stride.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One instance of a service of the fleet as a separate JVM, started from its executable jar like the run script
 * does. An instance can be killed and started again on the same port (the fault tests), and a service can have
 * several instances, each with its own name and port.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(20);
    /** What {@link Process#exitValue()} reports for a process ended by a signal: 128 + the signal's number. */
    private static final int SIGNAL_EXIT_BASE = 128;
    private static final int SIGKILL = 9;

    private final String name;
    private final String service;
    private final int port;
    private final Process process;
    private final Path log;
    private final List<String> args;

    private ServiceProcess(String name, String service, int port, Process process, Path log, List<String> args) {
        this.name = name;
        this.service = service;
        this.port = port;
        this.process = process;
        this.log = log;
        this.args = args;
    }

    /** Starts {@code <name>-service} from its {@code -exec.jar} in the reactor, with the given Spring arguments. */
    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    static final String POSE_OFF = "--stride.rtmpose.enabled=false";

    static ServiceProcess start(String name, Path logDir, List<String> args) throws IOException {
        return start(name, name, freePort(), logDir, args);
    }

    /**
     * Starts an instance of {@code <service>-service} called {@code name} on {@code port}, logging to
     * {@code <logDir>/<name>.log} (appended to, so the log of a killed instance stays before its successor's).
     */
    static ServiceProcess start(String name, String service, int port, Path logDir, List<String> args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx768m", "-XX:+UseSerialGC"));
        if (passesRecordsOn(service, args)) {
            command.add(C1_ONLY);
        }
        command.addAll(List.of("-jar", executableJar(service).toString(), "--server.port=" + port));
        command.addAll(args);
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        Files.writeString(log, "==== " + Instant.now() + " starting " + name + " on port " + port + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new ServiceProcess(name, service, port, process, log, List.copyOf(args));
    }

    /**
     * The tracker, and the pose stage with poses off, do little work per record: C2 compiling costs them more CPU
     * than the work, so they run C1 only, as the one-command run and compose start them.
     */
    private static boolean passesRecordsOn(String service, List<String> args) {
        return service.equals("bytetrack") || service.equals("rtmpose") && args.contains(POSE_OFF);
    }

    /** A new process of this instance, same name, port and log, with {@code args} (this one must have ended). */
    ServiceProcess startAgain(List<String> newArgs) throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running (pid " + process.pid() + ")");
        }
        return start(name, service, port, log.getParent(), newArgs);
    }

    /** Blocks until {@code /actuator/health} answers UP. */
    public ServiceProcess awaitHealthy() throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log: " + tail());
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not healthy within " + STARTUP_TIMEOUT + "; log: " + tail());
    }

    /**
     * Ends the process with SIGKILL (the JDK's {@link Process#destroyForcibly()} on Linux): no shutdown hook, no
     * Kafka leave-group, no flushing, as in a crash or an OOM kill.
     *
     * @return the exit value, 137 (128 + SIGKILL) when the signal ended it
     */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        return process.exitValue();
    }

    /** Whether an exit value is that of a process ended by SIGKILL. */
    public static boolean killedBySigkill(int exitValue) {
        return exitValue == SIGNAL_EXIT_BASE + SIGKILL;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public String name() {
        return name;
    }

    /** The service this is an instance of, e.g. {@code yolox} for an instance called {@code yolox-2}. */
    public String service() {
        return service;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The Spring arguments it was started with. */
    List<String> args() {
        return args;
    }

    public Path log() {
        return log;
    }

    /** Peak resident memory of the process so far (Linux VmHWM), in MiB; -1 where unknown. */
    long peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the process gracefully (SIGTERM), forcibly if it has not ended within 20 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(GRACEFUL_STOP.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static Path executableJar(String name) throws IOException {
        Path target = Path.of("..", name + "-service", "target").toAbsolutePath().normalize();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, name + "-service-*-exec.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new IllegalStateException("no executable jar in " + target + ": run the tests with './mvnw verify'");
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
