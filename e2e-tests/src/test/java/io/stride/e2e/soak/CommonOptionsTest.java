package io.stride.e2e.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stride.core.testing.SharedData;
import io.stride.e2e.ScriptArguments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommonOptionsTest {

    @TempDir
    Path callerDir;

    @AfterEach
    void forgetCallerDir() {
        System.clearProperty(ScriptArguments.CALLER_DIR);
    }

    @Test
    void withoutArgumentsTheClipIsTheSharedPeopleWalkingClipAndNothingIsSet() {
        Path shared = SharedData.video(SharedData.PEOPLE_WALKING);

        CommonOptions options = read();

        assertThat(options.clip()).isEqualTo(shared);
        assertThat(options.overrides()).isEmpty();
    }

    @Test
    void aClipIsTakenRelativeToWhereTheScriptWasRunAndTheLastOneCounts() throws IOException {
        System.setProperty(ScriptArguments.CALLER_DIR, callerDir.toString());
        Files.createDirectory(callerDir.resolve("clips"));
        Files.writeString(callerDir.resolve("clips/second.mp4"), "");

        CommonOptions options = read("first.mp4", "clips/../clips/second.mp4");

        assertThat(options.clip()).isEqualTo(callerDir.resolve("clips/second.mp4"));
    }

    @Test
    void settingsKeepTheirOrderAndTheLastValueOfAKey() {
        CommonOptions options = read("--set", "stride.stage.concurrency=2", "--set", "b=x=y",
                "--set", "stride.stage.concurrency=3", "--set", "empty=");

        assertThat(options.overrides()).isEqualTo(Map.of("stride.stage.concurrency", "3", "b", "x=y", "empty", ""));
        assertThat(List.copyOf(options.overrides().keySet())).containsExactly("stride.stage.concurrency", "b", "empty");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> read("--set")).hasMessage("--set needs a value");
        assertThatThrownBy(() -> read("--set", "=2")).hasMessage("--set needs key=value, got '=2'");
        assertThatThrownBy(() -> read("--frames", "10")).hasMessage("unknown option --frames");
        assertThatThrownBy(() -> read("-")).hasMessage("unknown option -");
        System.setProperty(ScriptArguments.CALLER_DIR, callerDir.toString());
        assertThatThrownBy(() -> read("missing.mp4").clip()).hasMessage("no clip at " + callerDir.resolve("missing.mp4")
                + " (set STRIDE_SHARED_DIR or name a video)");
    }

    @Test
    void secondsAreRoundedToTheMillisecond() {
        assertThat(CommonOptions.seconds(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(CommonOptions.seconds(0.25)).isEqualTo(Duration.ofMillis(250));
        assertThat(CommonOptions.seconds(1.0006)).isEqualTo(Duration.ofMillis(1001));
        assertThat(CommonOptions.seconds(0.0004)).isEqualTo(Duration.ZERO);
    }

    /** Reads every argument as the options records do when none of their own options matches. */
    private static CommonOptions read(String... args) {
        var options = new CommonOptions();
        var arguments = new ScriptArguments(args);
        while (arguments.hasNext()) {
            options.read(arguments.next(), arguments);
        }
        return options;
    }
}
