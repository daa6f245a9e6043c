package io.stride.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeyTest {

    @Test
    void blankConfigurationMeansNoKey() {
        assertThat(ApiKey.of(null)).isEmpty();
        assertThat(ApiKey.of("  ")).isEmpty();
    }

    @Test
    void acceptsOnlyTheExactKey() {
        ApiKey key = ApiKey.of(" s3cret ").orElseThrow();

        assertThat(key.accepts("s3cret")).isTrue();
        assertThat(key.accepts("s3cre")).isFalse();
        assertThat(key.accepts("s3cret2")).isFalse();
        assertThat(key.accepts("")).isFalse();
        assertThat(key.accepts(null)).isFalse();
        assertThat(key.toString()).doesNotContain("s3cret");
    }
}
