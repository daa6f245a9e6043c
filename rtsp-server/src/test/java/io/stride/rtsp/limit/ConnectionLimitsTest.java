package io.stride.rtsp.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.rtsp.limit.ConnectionLimits.Admission;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {

    private static InetAddress address(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    }

    @Test
    void admitsUnderBothCapsAndCountsAReleasedConnectionOut() throws Exception {
        var limits = new ConnectionLimits(3, 2);

        assertThat(limits.admit(address(2))).isEqualTo(Admission.ADMITTED);
        assertThat(limits.admit(address(2))).isEqualTo(Admission.ADMITTED);
        assertThat(limits.admit(address(2))).isEqualTo(Admission.ADDRESS_FULL);
        assertThat(limits.admit(address(3))).isEqualTo(Admission.ADMITTED);
        assertThat(limits.admit(address(4))).isEqualTo(Admission.SERVER_FULL);
        assertThat(limits.open()).isEqualTo(3);

        limits.release(address(2));
        assertThat(limits.admit(address(4))).isEqualTo(Admission.ADMITTED);
        assertThat(limits.admit(address(4))).as("the refused one took nothing").isEqualTo(Admission.SERVER_FULL);
    }

    @Test
    void anAddressQuotaForgetsAnAddressThatHoldsNothing() throws Exception {
        var quota = new AddressQuota(1);

        assertThat(quota.tryAcquire(address(2))).isTrue();
        assertThat(quota.tryAcquire(address(2))).isFalse();
        quota.release(address(2));
        assertThat(quota.held(address(2))).isZero();
        assertThat(quota.tryAcquire(address(2))).isTrue();
    }
}
