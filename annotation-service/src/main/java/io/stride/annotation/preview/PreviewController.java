package io.stride.annotation.preview;

import io.stride.core.topic.TopicNames;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * {@code GET /preview/{task_id}}: the task's annotated frames as MJPEG while it runs, for the web page's
 * {@code <img>}. Each stream is written by a thread of its own, so a slow browser only ever delays itself.
 * The streams are ended before the web server shuts down gracefully, which would otherwise wait for them.
 */
@RestController
class PreviewController implements SmartLifecycle {

    private static final MediaType MJPEG = MediaType.parseMediaType(MjpegPart.CONTENT_TYPE);
    /** The stream ends by itself (idle timeout, client gone): no request timeout must cut it. */
    private static final long NO_TIMEOUT = 0L;
    private static final long IDLE_THREAD_SECONDS = 60;

    private final PreviewHub hub;
    private final PreviewProperties properties;
    private final ExecutorService writers;
    private volatile boolean running;

    PreviewController(PreviewHub hub, PreviewProperties properties) {
        this.hub = hub;
        this.properties = properties;
        // A thread for each stream: the hub admits at most maxViewers, so nothing waits in the queue for long. A
        // queue, not a hand-off that refuses work while a finishing thread is not back in the pool yet: a refused
        // stream would keep its viewer's place for ever.
        var pool = new ThreadPoolExecutor(properties.maxViewers(), properties.maxViewers(), IDLE_THREAD_SECONDS,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                    var thread = new Thread(runnable, "preview-stream");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        this.writers = pool;
    }

    @GetMapping("/preview/{taskId}")
    ResponseEntity<ResponseBodyEmitter> preview(@PathVariable String taskId) {
        if (!TopicNames.isTaskId(taskId)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a task id: " + taskId);
        }
        PreviewHub.Viewer viewer;
        try {
            viewer = hub.watch(taskId);
        } catch (PreviewHub.TooManyViewersException e) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        }
        var emitter = new ResponseBodyEmitter(NO_TIMEOUT);
        emitter.onCompletion(viewer::close);
        emitter.onTimeout(viewer::close);
        emitter.onError(error -> viewer.close());
        writers.execute(() -> stream(viewer, emitter));
        return ResponseEntity.ok()
                .contentType(MJPEG)
                .cacheControl(CacheControl.noStore())
                .body(emitter);
    }

    private void stream(PreviewHub.Viewer viewer, ResponseBodyEmitter emitter) {
        try (viewer) {
            PreviewFrame frame;
            while ((frame = viewer.next(properties.idleTimeout())) != null) {
                emitter.send(MjpegPart.of(frame.jpeg()), MediaType.APPLICATION_OCTET_STREAM);
            }
            emitter.complete();
        } catch (IOException | IllegalStateException e) {
            // The browser went away (or the request was already completed): nothing to tell it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emitter.complete();
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** Interrupts every stream's writer, which then completes its response. */
    @Override
    public void stop() {
        running = false;
        writers.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
