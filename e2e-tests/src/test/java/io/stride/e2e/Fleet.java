package io.stride.e2e;

import io.stride.annotation.AnnotationApplication;
import io.stride.backend.BackendApplication;
import io.stride.bytetrack.ByteTrackApplication;
import io.stride.core.testing.StrideClient;
import io.stride.core.testing.TestBroker;
import io.stride.rtmpose.RtmposeApplication;
import io.stride.yolox.YoloxApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The five services and a real KRaft broker, each service in its own Spring context with its own web
 * server, wired exactly as {@code scripts/start_local_pipeline.sh} wires the separate processes.
 */
final class Fleet implements AutoCloseable {

    private final TestBroker broker = new TestBroker();
    private final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private final Path dataDir;
    private final StrideClient client;

    Fleet(Path dataDir, Path yoloxModel, Path poseModel, String... extraArgs) {
        this.dataDir = dataDir;
        String[] common = Stream.concat(Stream.of(
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--server.port=0",
                "--stride.storage.jobs-dir=" + jobsDir(),
                "--stride.storage.results-dir=" + resultsDir(),
                "--stride.backend.cleanup-delay=2s",
                "--stride.yolox.model-path=" + yoloxModel,
                "--stride.rtmpose.model-path=" + poseModel), Stream.of(extraArgs)).toArray(String[]::new);
        ConfigurableApplicationContext backend = start(BackendApplication.class, common);
        start(YoloxApplication.class, common);
        start(ByteTrackApplication.class, common);
        start(RtmposeApplication.class, common);
        start(AnnotationApplication.class, common);
        int port = ((WebServerApplicationContext) backend).getWebServer().getPort();
        client = new StrideClient("http://localhost:" + port);
    }

    private ConfigurableApplicationContext start(Class<?> application, String[] args) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application).run(args);
        services.add(context);
        return context;
    }

    StrideClient client() {
        return client;
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

    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        broker.close();
    }
}
