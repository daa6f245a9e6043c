package io.stride.backend.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, loopback", "127.1.2.3, loopback", "::1, loopback",
            "0.0.0.0, unspecified", "::, unspecified",
            "169.254.169.254, link-local", "fe80::1, link-local",
            "10.0.0.1, private", "172.16.0.1, private", "172.31.255.255, private", "192.168.1.1, private",
            "fd00::1, private", "fc12::1, private",
            "224.0.0.1, multicast", "::ffff:127.0.0.1, loopback", "::ffff:10.1.2.3, private"})
    void refusesAddressesOfTheHostOrItsNetworks(String address, String kind) throws UnknownHostException {
        assertThat(AddressPolicy.refusal(InetAddress.getByName(address)))
                .hasValueSatisfying(why -> assertThat(why).contains(", a " + kind + " address"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.64.0.1", "2606:2800:220:1::1"})
    void allowsPublicAddresses(String address) throws UnknownHostException {
        assertThat(AddressPolicy.refusal(InetAddress.getByName(address))).isEmpty();
    }

    @Test
    void oneRefusedAddressAmongAHostsAddressesRefusesTheHost() throws UnknownHostException {
        assertThat(AddressPolicy.refusal(List.of(InetAddress.getByName("8.8.8.8"), InetAddress.getByName("10.0.0.5"))))
                .hasValue("resolves to 10.0.0.5, a private address (stride.webhooks.allow-private-addresses is false)");
    }
}
