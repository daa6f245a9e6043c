package io.stride.backend.camera;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Each running camera ingest as meters, tagged with the task's id and the camera's name, from its start in this
 * process to its end (then removed, so a week of cameras coming and going leaves no stale series):
 * <ul>
 *   <li>{@code stride.camera.frames{outcome}}: pictures {@code published} to the pipeline (the task's frame index,
 *       which goes on across backend restarts; placeholders included) and {@code dropped} under overload (since
 *       this process took the camera)</li>
 *   <li>{@code stride.camera.reconnects}: connections that delivered pictures after the first</li>
 *   <li>{@code stride.camera.lag}: the pipeline's lag at the latest picture, in the source's seconds</li>
 *   <li>{@code stride.camera.since.last.frame}: seconds since the source's last picture; -1 before the first
 *       (an alert on a camera that is away)</li>
 * </ul>
 */
@Component
class CameraMetrics {

    private final MeterRegistry registry;

    CameraMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers the ingest's meters; running the answer removes them. */
    Runnable register(String taskId, String name, CameraIngest ingest) {
        Tags tags = Tags.of("task", taskId, "name", name);
        List<Meter> meters = List.of(
                FunctionCounter.builder("stride.camera.frames", ingest, CameraIngest::framesPublished)
                        .tags(tags).tag("outcome", "published").baseUnit("frames")
                        .description("Camera pictures published to the pipeline").register(registry),
                FunctionCounter.builder("stride.camera.frames", ingest, i -> i.snapshot().framesDropped())
                        .tags(tags).tag("outcome", "dropped").baseUnit("frames")
                        .description("Camera pictures dropped under overload").register(registry),
                FunctionCounter.builder("stride.camera.reconnects", ingest, i -> i.snapshot().reconnects())
                        .tags(tags).description("Camera connections that delivered after the first")
                        .register(registry),
                Gauge.builder("stride.camera.lag", ingest, i -> i.snapshot().lagSeconds())
                        .tags(tags).baseUnit("seconds")
                        .description("The pipeline's lag at the latest picture, in source time")
                        .register(registry),
                Gauge.builder("stride.camera.since.last.frame", ingest, i -> i.snapshot().secondsSinceLastFrame())
                        .tags(tags).baseUnit("seconds")
                        .description("Seconds since the source's last picture; -1 before the first")
                        .register(registry));
        return () -> meters.forEach(registry::remove);
    }
}
