package io.stride.rtsp;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One server for a whole test class, as the annotation service runs it: on loopback, its paths task ids
 * ({@code /<UUID>}), its missing-path handler starting nothing but noting which paths it was asked for. Register it
 * with {@code @RegisterExtension static final TaskIdServer server = …}.
 */
final class TaskIdServer implements BeforeAllCallback, AfterAllCallback {

    static final PathValidator TASK_IDS = path -> {
        try {
            UUID.fromString(path.substring(1));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    };

    private final RtspServer server;
    private final List<String> missingPathsAsked = new CopyOnWriteArrayList<>();

    TaskIdServer(Duration publisherWait, StreamAccess access) {
        server = new RtspServer(RtspServerSettings.loopbackEphemeral().withPublisherWait(publisherWait), TASK_IDS,
                access);
        server.setMissingPathHandler(path -> {
            missingPathsAsked.add(path);
            return false;
        });
    }

    /** A path nobody has used yet. */
    static String newPath() {
        return "/" + UUID.randomUUID();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    int port() {
        return server.port();
    }

    boolean isLive(String path) {
        return server.isLive(path);
    }

    RelayStatistics statistics() {
        return server.statistics();
    }

    /** The paths the missing-path handler was asked for, oldest first. */
    List<String> missingPathsAsked() {
        return missingPathsAsked;
    }
}
