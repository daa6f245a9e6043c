package io.stride.backend.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The upload request's shape and the file name shown for it. */
class UploadFormTest {

    @Test
    void exactlyOneFileFieldPasses() {
        assertThatCode(() -> UploadForm.check(List.of("file"))).doesNotThrowAnyException();
    }

    @Test
    void anyOtherFieldIsNamedInTheRefusal() {
        assertThatThrownBy(() -> UploadForm.check(List.of("file", "title")))
                .hasMessage("unexpected field 'title': only 'file' is accepted");
        assertThatThrownBy(() -> UploadForm.check(List.of("x\u0000y", "file")))
                .hasMessage("unexpected field 'xy': only 'file' is accepted");
    }

    @Test
    void aSecondFileIsRefused() {
        assertThatThrownBy(() -> UploadForm.check(List.of("file", "file")))
                .hasMessage("the multipart field 'file' appears 2 times; upload one file per request");
    }

    @Test
    void theDisplayNameLosesDirectoriesAndControlCharacters() {
        assertThat(UploadForm.displayName("../../etc/passwd.mp4")).isEqualTo("passwd.mp4");
        assertThat(UploadForm.displayName("C:\\Users\\me\\clip.mov")).isEqualTo("clip.mov");
        assertThat(UploadForm.displayName("walk\u0007\r\n.mp4")).isEqualTo("walk.mp4");
        assertThat(UploadForm.displayName("..\u0000/x.mkv")).isEqualTo("x.mkv");
        assertThat(UploadForm.displayName(null)).isEmpty();
        assertThat(UploadForm.displayName("a".repeat(300) + ".mp4")).hasSize(255);
    }
}
