package io.stride.e2e.bench;

import ai.onnxruntime.OrtEnvironment;
import io.stride.core.testing.TestBroker;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * How long yolox-service takes to start (JVM launch to Spring's "Started … (process running for N)"), with
 * ONNX Runtime unpacking its native libraries from its jar into a temporary directory (its default, at every
 * start) and with {@code -Donnxruntime.native.path} pointing at a directory they were extracted to once, as
 * {@code scripts/start_local_pipeline.sh} does. Runs alternate between the two so that a change in the machine's
 * load hits both alike.
 *
 * <p>A whole start-up varies by seconds on a shared machine, more than the unpacking costs, so the part it
 * changes is also timed alone: {@link OrtLoadProbe}, in a fresh JVM each time, loading ONNX Runtime either way.
 *
 * @param nativeBytes       total size of the natives
 * @param fromJar           seconds of each start-up with the default unpacking
 * @param preExtracted      seconds of each start-up with the pre-extracted natives
 * @param loadFromJar       milliseconds of each ONNX Runtime load alone, unpacking from the jar
 * @param loadPreExtracted  milliseconds of each ONNX Runtime load alone, from the extracted directory
 */
record YoloxStartup(long nativeBytes, List<Double> fromJar, List<Double> preExtracted, List<Double> loadFromJar,
                    List<Double> loadPreExtracted) {

    /** Where ONNX Runtime's jar keeps the natives for this platform (the project builds linux-x86_64 only). */
    private static final String NATIVE_DIR = "ai/onnxruntime/native/linux-x64/";
    private static final String NESTED_ORT_JAR = "BOOT-INF/lib/onnxruntime";
    private static final Pattern STARTED = Pattern.compile("Started \\w+ in [0-9.]+ seconds \\(process running for ([0-9.]+)\\)");
    private static final long START_TIMEOUT_SECONDS = 180;
    private static final long STOP_TIMEOUT_SECONDS = 20;
    /** Loads are quick: several per start-up make their median steady. */
    private static final int PROBES_PER_START = 3;

    static YoloxStartup measure(int runs, Path yoloxModel, Path scratch) throws Exception {
        Path jar = executableJar();
        Path natives = Files.createDirectories(scratch.resolve("onnxruntime-native"));
        long bytes = extractNatives(jar, natives);
        String nativePath = "-Donnxruntime.native.path=" + natives;
        List<Double> fromJar = new ArrayList<>();
        List<Double> preExtracted = new ArrayList<>();
        try (TestBroker broker = new TestBroker()) {
            List<String> arguments = List.of("--server.port=0",
                    "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                    "--stride.yolox.model-path=" + yoloxModel);
            for (int i = 0; i < runs; i++) {
                fromJar.add(startOnce(jar, List.of(), arguments));
                preExtracted.add(startOnce(jar, List.of(nativePath), arguments));
            }
        }
        List<Double> loadFromJar = new ArrayList<>();
        List<Double> loadPreExtracted = new ArrayList<>();
        for (int i = 0; i < runs * PROBES_PER_START; i++) {
            loadFromJar.add(probeOnce(List.of()));
            loadPreExtracted.add(probeOnce(List.of(nativePath)));
        }
        return new YoloxStartup(bytes, fromJar, preExtracted, loadFromJar, loadPreExtracted);
    }

    /** Milliseconds {@link OrtLoadProbe} reports in a JVM of its own. */
    private static double probeOnce(List<String> jvmOptions) throws Exception {
        String classpath = codeSource(OrtEnvironment.class) + File.pathSeparator + codeSource(OrtLoadProbe.class);
        List<String> command = new ArrayList<>(List.of(javaExecutable()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, OrtLoadProbe.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0 || !output.contains(OrtLoadProbe.RESULT_PREFIX)) {
            throw new IllegalStateException("the ONNX Runtime load probe failed: " + output);
        }
        String value = output.substring(output.indexOf(OrtLoadProbe.RESULT_PREFIX) + OrtLoadProbe.RESULT_PREFIX.length());
        return Double.parseDouble(value.substring(0, value.indexOf(' ')));
    }

    private static String codeSource(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * Copies {@code ai/onnxruntime/native/linux-x64/*} out of the ONNX Runtime jar nested in the service's
     * executable jar, as the run script does with unzip. Returns the bytes written.
     */
    static long extractNatives(Path executableJar, Path target) throws IOException {
        long bytes = 0;
        try (ZipFile outer = new ZipFile(executableJar.toFile())) {
            ZipEntry ortJar = outer.stream().filter(e -> e.getName().startsWith(NESTED_ORT_JAR)
                            && e.getName().endsWith(".jar")).findFirst()
                    .orElseThrow(() -> new IOException("no ONNX Runtime jar in " + executableJar));
            try (InputStream nested = outer.getInputStream(ortJar); ZipInputStream inner = new ZipInputStream(nested)) {
                ZipEntry entry;
                while ((entry = inner.getNextEntry()) != null) {
                    String name = entry.getName();
                    if (!entry.isDirectory() && name.startsWith(NATIVE_DIR)) {
                        Path file = target.resolve(name.substring(NATIVE_DIR.length()));
                        bytes += Files.copy(inner, file, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        if (bytes == 0) {
            throw new IOException("no " + NATIVE_DIR + " libraries in the ONNX Runtime jar of " + executableJar);
        }
        return bytes;
    }

    private static double startOnce(Path jar, List<String> jvmOptions, List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx768m", "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
            String line;
            while ((line = output.readLine()) != null && System.nanoTime() < deadline) {
                Matcher started = STARTED.matcher(line);
                if (started.find()) {
                    return Double.parseDouble(started.group(1));
                }
            }
            throw new IllegalStateException("yolox-service did not report its start-up (exit "
                    + (process.isAlive() ? "none yet" : process.exitValue()) + ")");
        } finally {
            process.destroy();
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** The service's executable jar, found like the fleet finds it: relative to the e2e-tests module. */
    private static Path executableJar() throws IOException {
        Path target = Path.of("..", "yolox-service", "target").toAbsolutePath().normalize();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "yolox-service-*-exec.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new IllegalStateException("no executable jar in " + target + ": build it with scripts/bench_pipeline.sh");
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
