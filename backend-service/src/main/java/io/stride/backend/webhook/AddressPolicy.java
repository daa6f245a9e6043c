package io.stride.backend.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses a webhook may be sent to: not, unless allowed, an address of the backend's own host or network
 * (loopback, link-local, private, unspecified, multicast, IPv6 unique-local), since a user who may upload could
 * otherwise make the backend POST to services that only trust their neighbours (server-side request forgery).
 */
public final class AddressPolicy {

    /** IPv6 unique-local addresses, {@code fc00::/7}: the IPv6 form of private networks. */
    private static final int UNIQUE_LOCAL_MASK = 0xfe;
    private static final int UNIQUE_LOCAL_PREFIX = 0xfc;

    private AddressPolicy() {
    }

    /** Why the first refused address of a host is refused; empty when every address may be sent to. */
    public static Optional<String> refusal(List<InetAddress> addresses) {
        return addresses.stream().map(AddressPolicy::refusal).flatMap(Optional::stream).findFirst();
    }

    /** Why {@code address} is refused; empty when it may be sent to. */
    public static Optional<String> refusal(InetAddress address) {
        String kind = null;
        if (address.isAnyLocalAddress()) {
            kind = "unspecified";
        } else if (address.isLoopbackAddress()) {
            kind = "loopback";
        } else if (address.isLinkLocalAddress()) {
            kind = "link-local";
        } else if (address.isSiteLocalAddress() || isUniqueLocal(address)) {
            kind = "private";
        } else if (address.isMulticastAddress()) {
            kind = "multicast";
        }
        return Optional.ofNullable(kind).map(k -> "resolves to " + address.getHostAddress() + ", a " + k
                + " address (stride.webhooks.allow-private-addresses is false)");
    }

    private static boolean isUniqueLocal(InetAddress address) {
        return address instanceof Inet6Address
                && (address.getAddress()[0] & UNIQUE_LOCAL_MASK) == UNIQUE_LOCAL_PREFIX;
    }
}
