package io.stride.backend.webhook;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** One attempt to POST an event to a webhook: the address checked again, the body signed, the answer awaited. */
@Component
class WebhookSender implements TaskWebhook.Sender {

    static final String EVENT_ID_HEADER = "X-Stride-Event-Id";

    private final HttpClient http;
    private final Duration requestTimeout;
    private final WebhookTargets targets;

    WebhookSender(WebhookProperties properties, WebhookTargets targets) {
        // Redirects are not followed: a receiver could otherwise send the backend on to an address it refuses.
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.requestTimeout = properties.requestTimeout();
        this.targets = targets;
    }

    /** Blocks for at most the connect and request timeouts. */
    @Override
    public Delivery.Attempt send(WebhookUrl url, WebhookEvent event) {
        Optional<String> refused = targets.refusal(url);
        if (refused.isPresent()) {
            return Delivery.Attempt.failed("host " + url.host() + " " + refused.get());
        }
        Optional<WebhookSignature> signature = targets.signature();
        if (signature.isEmpty()) {
            return Delivery.Attempt.failed("no webhook secret: set stride.webhooks.secret or stride.security.api-key");
        }
        HttpRequest request = HttpRequest.newBuilder(url.uri())
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, signature.get().of(event.body()))
                .header(EVENT_ID_HEADER, event.eventId())
                .POST(HttpRequest.BodyPublishers.ofByteArray(event.body()))
                .build();
        try {
            return Delivery.Attempt.answered(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (HttpTimeoutException e) {
            return Delivery.Attempt.failed("timed out: " + e.getMessage());
        } catch (IOException e) {
            return Delivery.Attempt.failed(e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Delivery.Attempt.failed("interrupted: the backend is stopping");
        } catch (IllegalArgumentException e) {
            return Delivery.Attempt.failed("cannot send: " + e.getMessage());
        }
    }
}
