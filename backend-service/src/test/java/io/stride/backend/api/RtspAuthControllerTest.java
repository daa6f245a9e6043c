package io.stride.backend.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the hook logs of a client's path and address: one line, of bounded length, whatever the client sent. */
class RtspAuthControllerTest {

    @Test
    void aClientsTextIsLoggedOnOneLineAndCut() {
        assertThat(RtspAuthController.printable("6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"))
                .isEqualTo("6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f");
        assertThat(RtspAuthController.printable("task\n2026-01-01 INFO forged line\r\t"))
                .isEqualTo("task?2026-01-01 INFO forged line??");
        assertThat(RtspAuthController.printable("x".repeat(200))).isEqualTo("x".repeat(80) + "…");
        assertThat(RtspAuthController.printable("")).isEqualTo("-");
        assertThat(RtspAuthController.printable(null)).isEqualTo("-");
    }
}
