package io.stride.rtsp.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.rtsp.limit.RefusalLog.Cause;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RefusalLogTest {

    private final AtomicLong now = new AtomicLong();
    private final RefusalLog refusals = new RefusalLog(now::get);

    private static InetAddress address(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    }

    @Test
    void logsTheFirstRefusalOfACauseAndAddressThenNoneUntilTheIntervalHasPassed() throws Exception {
        assertThat(refusals.refused(Cause.ADDRESS_FULL, address(2), "maximum 32")).isTrue();
        for (int i = 0; i < 1000; i++) {
            assertThat(refusals.refused(Cause.ADDRESS_FULL, address(2), "maximum 32")).isFalse();
        }
        assertThat(refusals.refused(Cause.REQUEST_TIMEOUT, address(2), "10 s")).as("another cause").isTrue();
        assertThat(refusals.refused(Cause.ADDRESS_FULL, address(3), "maximum 32")).as("another address").isTrue();

        now.addAndGet(RefusalLog.INTERVAL.toNanos() - 1);
        assertThat(refusals.refused(Cause.ADDRESS_FULL, address(2), "maximum 32")).isFalse();
        now.addAndGet(1);
        assertThat(refusals.refused(Cause.ADDRESS_FULL, address(2), "maximum 32")).isTrue();
    }

    @Test
    void beyondTheTrackedAddressesTheRestShareOneLinePerCause() throws Exception {
        int logged = 0;
        for (int i = 0; i < RefusalLog.MAX_TRACKED + 500; i++) {
            var address = InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i});
            if (refusals.refused(Cause.NOT_RTSP, address, "garbage")) {
                logged++;
            }
        }
        assertThat(logged).isEqualTo(RefusalLog.MAX_TRACKED + 1);
    }
}
