package io.stride.backend.security;

import io.stride.core.security.ApiKey;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access to the API.
 *
 * @param apiKey the shared secret every request but health and metrics must present, in the {@code X-API-Key}
 *               header or the {@code api_key} query parameter; blank (the default) leaves the API open
 */
@ConfigurationProperties("stride.security")
public record SecurityProperties(@DefaultValue("") String apiKey) {

    /** The key to require, empty when the API is open. */
    public Optional<ApiKey> requiredKey() {
        return ApiKey.of(apiKey);
    }
}
