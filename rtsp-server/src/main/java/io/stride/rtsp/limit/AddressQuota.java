package io.stride.rtsp.limit;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most so many of one thing (connections, UDP port pairs) per client address, so that one host cannot take
 * what all clients share. Thread-safe; an address is forgotten when its count drops to zero.
 */
public final class AddressQuota {

    private final int maxPerAddress;
    private final ConcurrentHashMap<InetAddress, Integer> held = new ConcurrentHashMap<>();

    public AddressQuota(int maxPerAddress) {
        this.maxPerAddress = maxPerAddress;
    }

    /** Takes one for the address; false, taking nothing, when it already holds its maximum. */
    public boolean tryAcquire(InetAddress address) {
        var acquired = new boolean[1];
        held.compute(address, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerAddress) {
                return count;
            }
            acquired[0] = true;
            return current + 1;
        });
        return acquired[0];
    }

    /** Gives back one that {@link #tryAcquire} took for the address. */
    public void release(InetAddress address) {
        held.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
    }

    public int held(InetAddress address) {
        return held.getOrDefault(address, 0);
    }

    public int maxPerAddress() {
        return maxPerAddress;
    }
}
