package io.stride.rtsp.limit;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs why the server turned a client away (a cap, a deadline, garbage) at most once a minute per cause and client
 * address, saying how many more such refusals there were since the last line: an attack from one address costs a
 * line a minute, never a line, let alone a stack trace, per connection. Thread-safe.
 */
public final class RefusalLog {

    /** Why a client was turned away, and what the log says about it. */
    public enum Cause {
        SERVER_FULL("connection closed, the server holds its maximum of connections"),
        ADDRESS_FULL("connection closed, the address holds its maximum of connections"),
        QUEUE_FULL("connection closed, too many requests queued behind one still waiting for its answer"),
        REQUEST_TIMEOUT("connection closed, a request did not arrive whole within the request timeout"),
        NOT_RTSP("connection closed, it sent what is not RTSP"),
        ON_DEMAND_FULL("DESCRIBE answered 503, the maximum of on-demand publishers is starting or running"),
        UDP_PAIRS_FULL("UDP SETUP answered 461, the address holds its maximum of UDP port pairs");

        private final String text;

        Cause(String text) {
            this.text = text;
        }
    }

    /** How long one line stands for all later refusals of its cause and address. */
    public static final Duration INTERVAL = Duration.ofMinutes(1);
    /**
     * Causes and addresses remembered at most; beyond, new addresses share one line per cause, so an attack from
     * many addresses cannot grow this.
     */
    public static final int MAX_TRACKED = 1024;

    private static final Logger log = LoggerFactory.getLogger(RefusalLog.class);
    private static final long INTERVAL_NANOS = INTERVAL.toNanos();

    /** {@code client} is null for the addresses beyond {@link #MAX_TRACKED}. */
    private record Key(Cause cause, InetAddress client) {
    }

    private record Window(long startNanos, long suppressed) {
    }

    private final LongSupplier nanoClock;
    private final Map<Key, Window> windows = new ConcurrentHashMap<>();

    public RefusalLog() {
        this(System::nanoTime);
    }

    /** @param nanoClock {@link System#nanoTime()}, or a test's clock */
    public RefusalLog(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * Notes a refusal and logs it if it is the first of its cause and address in the interval.
     *
     * @param detail what the line adds, e.g. the path or the cap; never a credential
     * @return whether it was logged
     */
    public boolean refused(Cause cause, InetAddress client, String detail) {
        long now = nanoClock.getAsLong();
        Key key = keyFor(cause, client, now);
        var suppressedBefore = new long[] {-1};
        windows.compute(key, (k, window) -> {
            if (window == null || now - window.startNanos() >= INTERVAL_NANOS) {
                suppressedBefore[0] = window == null ? 0 : window.suppressed();
                return new Window(now, 0);
            }
            return new Window(window.startNanos(), window.suppressed() + 1);
        });
        if (suppressedBefore[0] < 0) {
            return false;
        }
        String who = key.client() == null ? "one of many addresses" : key.client().getHostAddress();
        String since = suppressedBefore[0] > 0 ? ", " + suppressedBefore[0] + " more of these since the last line" : "";
        log.warn("Refused {}: {} ({}){}; next line for it in {} at the earliest", who, cause.text, detail, since,
                INTERVAL);
        return true;
    }

    private Key keyFor(Cause cause, InetAddress client, long now) {
        var key = new Key(cause, client);
        if (windows.size() < MAX_TRACKED || windows.containsKey(key)) {
            return key;
        }
        windows.values().removeIf(window -> now - window.startNanos() >= INTERVAL_NANOS);
        return windows.size() < MAX_TRACKED ? key : new Key(cause, null);
    }
}
