package io.stride.rtsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StreamAccessTest {

    @Test
    void openAcceptsAnythingAndAKeyOnlyItself() {
        var keyed = StreamAccess.requiringKey("api_key", "k"::equals);

        assertThat(StreamAccess.open().isOpen()).isTrue();
        assertThat(StreamAccess.open().accepts(null)).isTrue();
        assertThat(keyed.isOpen()).isFalse();
        assertThat(keyed.queryParameter()).isEqualTo("api_key");
        assertThat(keyed.accepts("k")).isTrue();
        assertThat(keyed.accepts("K")).isFalse();
        assertThat(keyed.accepts(null)).isFalse();
    }

    @Test
    void keyNeedsANamedQueryParameter() {
        assertThatThrownBy(() -> StreamAccess.requiringKey(" ", "k"::equals))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query parameter");
    }
}
