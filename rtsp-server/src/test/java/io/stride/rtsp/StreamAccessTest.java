package io.stride.rtsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StreamAccessTest {

    private static final List<String> NONE = List.of();

    @Test
    void openLetsEverybodyReadAndPublish() {
        var open = StreamAccess.open();

        assertThat(open.isOpen()).isTrue();
        assertThat(open.mayRead("/a", NONE)).isTrue();
        assertThat(open.mayPublish(NONE)).isTrue();
    }

    @Test
    void readersAndPublishersAreCheckedApartAndAReaderCredentialWithItsPath() {
        var secret = PublisherSecret.random();
        var access = StreamAccess.requiring((path, credential) -> credential.equals("token-for" + path), secret);

        assertThat(access.isOpen()).isFalse();
        assertThat(access.mayRead("/a", List.of("token-for/a"))).isTrue();
        assertThat(access.mayRead("/b", List.of("token-for/a"))).as("scoped to its path").isFalse();
        assertThat(access.mayRead("/a", NONE)).isFalse();
        assertThat(access.mayRead("/a", List.of(secret.value()))).as("the publisher's is no reader's").isFalse();
        assertThat(access.mayPublish(List.of("token-for/a"))).isFalse();
        assertThat(access.mayPublish(List.of("token-for/a", secret.value()))).isTrue();
        assertThat(access.mayPublish(NONE)).isFalse();
    }

    @Test
    void openForReadingStillWantsThePublisherCredential() {
        var secret = PublisherSecret.random();
        var access = StreamAccess.openForReading(secret);

        assertThat(access.isOpen()).isFalse();
        assertThat(access.mayRead("/a", NONE)).isTrue();
        assertThat(access.mayPublish(List.of("guess"))).isFalse();
        assertThat(access.mayPublish(List.of(secret.value()))).isTrue();
    }

    @Test
    void aPublisherSecretIsLongRandomUrlSafeAndNeverPrinted() {
        var first = PublisherSecret.random();
        var second = PublisherSecret.random();

        assertThat(first.value()).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(second.value());
        assertThat(first.test(first.value())).isTrue();
        assertThat(first.test(second.value())).isFalse();
        assertThat(first.test(null)).isFalse();
        assertThat(first.toString()).doesNotContain(first.value());
    }
}
