package io.stride.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class SharedDataTest {

    private static final String MISSING = "videos/no-such-video-" + System.nanoTime() + ".mp4";

    private String saved;

    @BeforeEach
    void saveProperty() {
        saved = System.getProperty(SharedData.REQUIRED_PROPERTY);
    }

    @AfterEach
    void restoreProperty() {
        if (saved == null) {
            System.clearProperty(SharedData.REQUIRED_PROPERTY);
        } else {
            System.setProperty(SharedData.REQUIRED_PROPERTY, saved);
        }
    }

    @Test
    void missingDataFailsTheTestWhereItIsRequired() {
        System.setProperty(SharedData.REQUIRED_PROPERTY, "true");

        AssertionFailedError error = assertThrows(AssertionFailedError.class, () -> SharedData.require(MISSING));

        assertThat(error).hasMessageContaining("shared test data missing: ")
                .hasMessageContaining(SharedData.dir().resolve(MISSING).toString())
                .hasMessageContaining("STRIDE_SHARED_DIR");
    }

    @Test
    void missingDataSkipsTheTestElsewhere() {
        System.setProperty(SharedData.REQUIRED_PROPERTY, "false");

        TestAbortedException skipped = assertThrows(TestAbortedException.class, () -> SharedData.require(MISSING));

        assertThat(skipped).hasMessageContaining(SharedData.dir().resolve(MISSING).toString());
    }

    @Test
    void theCiVariableDecidesWhenThePropertyIsUnset() {
        System.clearProperty(SharedData.REQUIRED_PROPERTY);

        assertThat(SharedData.isRequired()).isEqualTo("true".equalsIgnoreCase(System.getenv("CI")));
    }
}
