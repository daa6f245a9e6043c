package io.stride.core.security;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Access to every service ({@link AccessPolicy}).
 *
 * @param apiKey        the operator key: required, in the {@code X-API-Key} header, for everything but health,
 *                      metrics and the web page's files; blank (the default) leaves the deployment open
 * @param tokenSecret   signs the per-task read tokens; every service must have the same one. Blank (the default):
 *                      derived from {@code apiKey}, so changing the key revokes every token
 * @param tokenLifetime how long a task's read token (in the URLs the API hands out) stays valid; default 24h
 */
@Validated
@ConfigurationProperties("stride.security")
public record SecurityProperties(
        @DefaultValue("") String apiKey,
        @DefaultValue("") String tokenSecret,
        @DefaultValue("24h") @NotNull @DurationMin(minutes = 1) Duration tokenLifetime) {

    @Override
    public String toString() {
        return "SecurityProperties[apiKey=" + (apiKey.isBlank() ? "" : "****") + ", tokenSecret="
                + (tokenSecret.isBlank() ? "" : "****") + ", tokenLifetime=" + tokenLifetime + "]";
    }
}
