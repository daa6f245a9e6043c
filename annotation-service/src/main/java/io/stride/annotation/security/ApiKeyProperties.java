package io.stride.annotation.security;

import io.stride.core.security.ApiKey;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The deployment's optional shared secret.
 *
 * @param apiKey what clients of the preview must present ({@value ApiKey#HEADER} header or
 *               {@value ApiKey#QUERY_PARAMETER} query parameter); default blank: open to everybody
 */
@ConfigurationProperties("stride.security")
public record ApiKeyProperties(@DefaultValue("") String apiKey) {

    /** The key to require; empty when none is configured. */
    public Optional<ApiKey> required() {
        return ApiKey.of(apiKey);
    }

    @Override
    public String toString() {
        return "ApiKeyProperties[apiKey=" + (required().isPresent() ? "****" : "") + "]";
    }
}
