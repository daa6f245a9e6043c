package io.stride.rtsp.limit;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admits a new RTSP connection only while the server holds fewer than its maximum in all and its client address
 * fewer than its own maximum. Thread-safe: connections are accepted on every network thread.
 */
public final class ConnectionLimits {

    /** Whether a connection is admitted, and if not, which cap it met. */
    public enum Admission { ADMITTED, SERVER_FULL, ADDRESS_FULL }

    private final int maxConnections;
    private final AddressQuota perAddress;
    private final AtomicInteger open = new AtomicInteger();

    public ConnectionLimits(int maxConnections, int maxConnectionsPerAddress) {
        this.maxConnections = maxConnections;
        this.perAddress = new AddressQuota(maxConnectionsPerAddress);
    }

    /** Counts the connection in if both caps allow it; an admitted one must be {@link #release released}. */
    public Admission admit(InetAddress client) {
        // The address first: a host over its own cap is told so even when the server is full as well.
        if (!perAddress.tryAcquire(client)) {
            return Admission.ADDRESS_FULL;
        }
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            perAddress.release(client);
            return Admission.SERVER_FULL;
        }
        return Admission.ADMITTED;
    }

    public void release(InetAddress client) {
        open.decrementAndGet();
        perAddress.release(client);
    }

    /** Connections admitted and not yet closed. */
    public int open() {
        return open.get();
    }
}
