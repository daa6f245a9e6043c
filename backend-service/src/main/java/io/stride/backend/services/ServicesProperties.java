package io.stride.backend.services;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the backend knows of the processes around it ({@code stride.services.*}).
 *
 * @param restartsLog the supervisor's restart log, which {@code scripts/start_local_pipeline.sh} sets; unset (the
 *                    default) where something else restarts the services (compose, Kubernetes), whose own tools
 *                    show restarts
 */
@ConfigurationProperties("stride.services")
public record ServicesProperties(Path restartsLog) {
}
