package io.stride.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.e2e.Fleet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spring joins repeated command-line options into a list, so an override must replace, not repeat, an argument. */
class FleetOverridesTest {

    @Test
    void overridesReplaceTheArgumentsOfTheSamePropertyAndAddNewOnes() {
        List<String> merged = Fleet.withOverrides(
                List.of("--a=1", "--stride.backend.stall-timeout=120s", "--flag"),
                List.of("--stride.backend.stall-timeout=15s", "--b=2"));

        assertThat(merged).containsExactly("--a=1", "--flag", "--stride.backend.stall-timeout=15s", "--b=2");
    }
}
