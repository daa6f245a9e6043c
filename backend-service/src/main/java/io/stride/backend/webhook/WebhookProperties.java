package io.stride.backend.webhook;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Delivery of tasks' webhooks (docs/analytics.md, "Webhooks").
 *
 * @param secret                keys the {@code X-Stride-Signature} HMAC, at least 16 characters. Blank (the
 *                              default): derived from the operator key ({@code stride.security.api-key}) as
 *                              HMAC-SHA256(key = operator key, "stride webhooks"); with neither, a task with a
 *                              webhook is refused
 * @param allowPrivateAddresses whether a webhook may go to a loopback, link-local, private or unspecified address;
 *                              default false (such a URL is refused at upload and at each delivery)
 * @param retryFor              how long a failed delivery is retried after its first attempt before it is given up;
 *                              default 10m
 * @param initialBackoff        the wait after a first failed attempt; default 1s
 * @param backoffFactor         each wait is this many times the one before; default 2
 * @param maxBackoff            the longest wait between attempts; default 60s
 * @param connectTimeout        the longest wait to connect to a receiver; default 5s
 * @param requestTimeout        the longest wait for a receiver's answer; default 10s
 * @param maxPendingPerTask     events of one task waiting to be sent; more are dropped (and logged as dropped);
 *                              default 10000
 * @param logSize               the deliveries kept per task for {@code GET /tasks/{id}/webhooks}; default 1000
 * @param senders               deliveries in progress at once, across tasks (each task has one at a time); default 8
 * @param consumerGroup         the consumer group of the analytics events: the backend instances in it share the
 *                              deliveries, each event sent by one of them; default stride-backend-webhooks
 */
@Validated
@ConfigurationProperties("stride.webhooks")
public record WebhookProperties(
        @DefaultValue("") String secret,
        @DefaultValue("false") boolean allowPrivateAddresses,
        @DefaultValue("10m") @NotNull Duration retryFor,
        @DefaultValue("1s") @NotNull @DurationMin(millis = 1) Duration initialBackoff,
        @DefaultValue("2") @DecimalMin("1") double backoffFactor,
        @DefaultValue("60s") @NotNull @DurationMin(millis = 1) Duration maxBackoff,
        @DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration connectTimeout,
        @DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration requestTimeout,
        @DefaultValue("10000") @Min(1) int maxPendingPerTask,
        @DefaultValue("1000") @Min(1) int logSize,
        @DefaultValue("8") @Min(1) int senders,
        @DefaultValue("stride-backend-webhooks") @NotNull String consumerGroup) {

    Backoff backoff() {
        return new Backoff(initialBackoff, backoffFactor, maxBackoff, retryFor);
    }

    @Override
    public String toString() {
        return "WebhookProperties[secret=" + (secret.isBlank() ? "" : "****") + ", allowPrivateAddresses="
                + allowPrivateAddresses + ", retryFor=" + retryFor + ", initialBackoff=" + initialBackoff
                + ", backoffFactor=" + backoffFactor + ", maxBackoff=" + maxBackoff + ", connectTimeout="
                + connectTimeout + ", requestTimeout=" + requestTimeout + ", maxPendingPerTask=" + maxPendingPerTask
                + ", logSize=" + logSize + ", senders=" + senders + ", consumerGroup=" + consumerGroup + "]";
    }
}
