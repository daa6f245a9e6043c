package io.stride.backend.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stride.backend.api.ApiException;
import io.stride.backend.options.TaskOptions;
import io.stride.backend.options.TaskOptionsJson;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookTargetsTest {

    private static final Optional<WebhookSignature> SIGNED = Optional.of(new WebhookSignature(new byte[32]));
    private static final Map<String, String> DNS = Map.of("public.example", "93.184.216.34",
            "internal.example", "10.1.2.3", "metadata.example", "169.254.169.254",
            "127.0.0.1", "127.0.0.1");
    private static final WebhookTargets.Resolver RESOLVER = host -> {
        String address = DNS.get(host);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return List.of(InetAddress.getByName(address));
    };

    @Test
    void refusesHostsResolvingToPrivateAddressesUnlessAllowed() {
        var secure = new WebhookTargets(false, RESOLVER, SIGNED);

        secure.requireAllowed(options("https://public.example/hook"));
        secure.requireAllowed(TaskOptions.NONE);
        assertRefused(secure, "https://internal.example/hook", "options.webhook: host internal.example resolves to "
                + "10.1.2.3, a private address (stride.webhooks.allow-private-addresses is false)");
        assertRefused(secure, "http://metadata.example/latest", "options.webhook: host metadata.example resolves "
                + "to 169.254.169.254, a link-local address (stride.webhooks.allow-private-addresses is false)");
        assertRefused(secure, "http://127.0.0.1:8080/x", "options.webhook: host 127.0.0.1 resolves to 127.0.0.1, "
                + "a loopback address (stride.webhooks.allow-private-addresses is false)");
        assertRefused(secure, "https://nowhere.example/", "options.webhook: host nowhere.example does not resolve");

        var open = new WebhookTargets(true, RESOLVER, SIGNED);
        open.requireAllowed(options("https://internal.example/hook"));
        assertThat(open.refusal(WebhookUrl.parse("http://127.0.0.1/x"))).isEmpty();
    }

    @Test
    void refusesEveryWebhookWhenNothingCanSignIt() {
        assertRefused(new WebhookTargets(true, RESOLVER, Optional.empty()), "https://public.example/hook",
                "options.webhook: this deployment cannot sign webhooks; its operator sets stride.webhooks.secret or "
                        + "stride.security.api-key");
    }

    private static TaskOptions options(String url) {
        return TaskOptionsJson.parse("{\"webhook\": \"" + url + "\"}");
    }

    private static void assertRefused(WebhookTargets targets, String url, String message) {
        assertThatThrownBy(() -> targets.requireAllowed(options(url))).isInstanceOf(ApiException.class)
                .hasMessage(message).extracting(e -> ((ApiException) e).status().value()).isEqualTo(400);
    }
}
