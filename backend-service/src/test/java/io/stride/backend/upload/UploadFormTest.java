package io.stride.backend.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/** The upload request's shape and the file name shown for it. */
class UploadFormTest {

    @Test
    void exactlyOneFileFieldPasses() throws Exception {
        var fields = new UploadForm.Fields();

        assertThat(fields.add("file")).as("acceptable so far").isTrue();
        fields.check();
    }

    @Test
    void anyOtherFieldIsNamedInTheRefusal() {
        assertThatThrownBy(() -> fields("file", "title").check())
                .hasMessage("unexpected field 'title': only 'file' and 'options' are accepted");
        assertThatThrownBy(() -> fields("x\u0000y", "file", "file").check())
                .hasMessage("unexpected field 'xy': only 'file' and 'options' are accepted");
    }

    @Test
    void optionsMayComeOnceBeforeOrAfterTheFile() throws Exception {
        var before = new UploadForm.Fields();
        assertThat(before.add("options")).isTrue();
        assertThat(before.add("file")).isTrue();
        before.check();
        fields("file", "options").check();
        assertThatThrownBy(() -> fields("options", "file", "options").check())
                .hasMessage("the multipart field 'options' appears 2 times; give all options in one JSON object");
    }

    @Test
    void aSecondFileIsRefused() {
        assertThatThrownBy(() -> fields("file", "file").check())
                .hasMessage("the multipart field 'file' appears 2 times; upload one file per request");
    }

    @Test
    void noFileIsAMissingPartWhateverElseCame() {
        assertThatThrownBy(() -> fields("video").check())
                .isInstanceOfSatisfying(MissingServletRequestPartException.class,
                        e -> assertThat(e.getRequestPartName()).isEqualTo("file"));
    }

    @Test
    void onlyTheFirstFieldBeingTheFileIsAcceptable() {
        var fields = new UploadForm.Fields();

        assertThat(fields.add("title")).isFalse();
        assertThat(fields.add("file")).as("a file after another field is refused anyway").isFalse();
    }

    private static UploadForm.Fields fields(String... names) {
        var fields = new UploadForm.Fields();
        for (String name : names) {
            fields.add(name);
        }
        return fields;
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
