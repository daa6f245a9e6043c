package io.stride.backend.webhook;

import io.stride.backend.api.ApiException;
import io.stride.backend.options.TaskOptions;
import io.stride.core.security.AccessPolicy;
import io.stride.core.security.SecurityProperties;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Whether a webhook URL may be sent to, by {@link AddressPolicy} on the addresses its host resolves to now (checked
 * when a task is accepted and again before each attempt, since DNS may change), and the signature requests carry.
 */
@Component
public class WebhookTargets {

    /** What {@link WebhookProperties#secret()} is derived from the operator key with. */
    static final String SECRET_LABEL = "stride webhooks";

    /** Looks up a host's addresses; tests give fixed answers. */
    @FunctionalInterface
    interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivate;
    private final Resolver resolver;
    private final Optional<WebhookSignature> signature;

    @Autowired
    WebhookTargets(WebhookProperties properties, SecurityProperties security) {
        this(properties.allowPrivateAddresses(), host -> List.of(InetAddress.getAllByName(host)),
                signature(properties, security));
    }

    WebhookTargets(boolean allowPrivate, Resolver resolver, Optional<WebhookSignature> signature) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
        this.signature = signature;
    }

    /**
     * Refuses options whose webhook cannot be sent to.
     *
     * @throws ApiException 400 naming {@code options.webhook}
     */
    public void requireAllowed(TaskOptions options) {
        Optional<WebhookUrl> url = options.webhook();
        if (url.isEmpty()) {
            return;
        }
        if (signature.isEmpty()) {
            throw ApiException.badRequest("options.webhook: this deployment cannot sign webhooks; its operator "
                    + "sets stride.webhooks.secret or stride.security.api-key");
        }
        refusal(url.get()).ifPresent(problem -> {
            throw ApiException.badRequest("options.webhook: host " + url.get().host() + " " + problem);
        });
    }

    /** Why {@code url} may not be sent to now; empty when it may. */
    Optional<String> refusal(WebhookUrl url) {
        if (allowPrivate) {
            return Optional.empty();
        }
        try {
            return AddressPolicy.refusal(resolver.resolve(url.host()));
        } catch (UnknownHostException e) {
            return Optional.of("does not resolve");
        }
    }

    /** Signs every request; empty when neither a webhook secret nor an operator key is configured. */
    Optional<WebhookSignature> signature() {
        return signature;
    }

    private static Optional<WebhookSignature> signature(WebhookProperties properties, SecurityProperties security) {
        if (!properties.secret().isBlank()) {
            return Optional.of(new WebhookSignature(properties.secret().strip().getBytes(StandardCharsets.UTF_8)));
        }
        if (!security.apiKey().isBlank()) {
            return Optional.of(new WebhookSignature(AccessPolicy.deriveSecret(security.apiKey(), SECRET_LABEL)));
        }
        return Optional.empty();
    }
}
