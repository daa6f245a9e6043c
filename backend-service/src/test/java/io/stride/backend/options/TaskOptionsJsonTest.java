package io.stride.backend.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TaskOptionsJsonTest {

    @Test
    void everyKeyIsReadAndWrittenBackInTheCanonicalForm() {
        TaskOptions options = TaskOptionsJson.parse("""
                {"classes": ["car", "person", "car"], "min_score": 0.3, "pose": false,
                 "lines": [{"name": "door", "from": [10, 20], "to": [30, 20]}],
                 "zones": [{"name": "queue", "polygon": [[0, 0], [5, 0], [5, 5]]}],
                 "webhook": "https://hooks.example.org/in?key=k"}""");

        assertThat(options.stages().classIds()).containsExactlyInAnyOrder(0, 2);
        assertThat(options.stages().minScore()).isEqualTo(0.3f);
        assertThat(options.stages().pose()).isFalse();
        assertThat(options.stages().live()).isFalse();
        assertThat(options.analysis().lines()).singleElement().extracting(line -> line.name()).isEqualTo("door");
        assertThat(options.hasAnalytics()).isTrue();
        String canonical = TaskOptionsJson.write(options);
        assertThat(canonical).isEqualTo("{\"classes\":[\"person\",\"car\"],\"min_score\":0.3,\"pose\":false,"
                + "\"lines\":[{\"name\":\"door\",\"from\":[10.0,20.0],\"to\":[30.0,20.0]}],"
                + "\"zones\":[{\"name\":\"queue\",\"polygon\":[[0.0,0.0],[5.0,0.0],[5.0,5.0]]}],"
                + "\"webhook\":\"https://hooks.example.org/in?key=k\"}");
        assertThat(TaskOptionsJson.read(canonical)).isEqualTo(options);
    }

    @Test
    void noOptionsAndDefaultOptionsAreBothTheEmptyForm() {
        assertThat(TaskOptionsJson.write(TaskOptions.NONE)).isEmpty();
        assertThat(TaskOptionsJson.write(TaskOptionsJson.parse("{\"pose\": true, \"min_score\": 0}"))).isEmpty();
        assertThat(TaskOptionsJson.read("")).isEqualTo(TaskOptions.NONE);
        assertThat(TaskOptions.NONE.hasAnalytics()).isFalse();
    }

    @Test
    void eachRefusalNamesItsField() {
        assertRefused("[1]", "options: expected a JSON object with any of classes, lines, min_score, pose, webhook, "
                + "zones");
        assertRefused("{\"class\": [\"person\"]}", "options.class: unknown field (expected any of classes, lines, "
                + "min_score, pose, webhook, zones)");
        assertRefused("{\"classes\": [\"person\", \"pedestrian\"]}", "options.classes[1]: \"pedestrian\" is not a "
                + "COCO class name (e.g. \"person\", \"car\", \"traffic light\")");
        assertRefused("{\"classes\": []}", "options.classes: expected a non-empty array of COCO class names, "
                + "e.g. [\"person\"]");
        assertRefused("{\"min_score\": 1.5}", "options.min_score: expected a number from 0 to 1, got 1.5");
        assertRefused("{\"pose\": \"no\"}", "options.pose: expected true or false, got \"no\"");
        assertRefused("{\"lines\": [{\"name\": \"a\", \"from\": [1, 1], \"to\": [1, 1]}]}",
                "options.lines[0]: from and to are the same point (1.0, 1.0), a line of zero length");
        assertRefused("{\"zones\": [{\"name\": \"z\", \"polygon\": [[0, 0], [1, 1]]}]}",
                "options.zones[0].polygon: 2 points; a polygon needs at least 3 and at most 1000");
        assertRefused("{\"webhook\": \"ftp://example.org/hook\"}",
                "options.webhook: expected an absolute https:// or http:// URL");
        assertRefused("{\"webhook\": 5}", "options.webhook: expected a URL as a string, e.g. "
                + "\"https://example.org/hook\"");
        assertThatThrownBy(() -> TaskOptionsJson.parse("{\"pose\": false")).isInstanceOf(InvalidTaskOptions.class)
                .hasMessageStartingWith("options: not valid JSON: Unexpected end-of-input");
    }

    @Test
    void aPointBeyondTheUprightFrameIsRefusedOneOnItsBorderIsNot() {
        TaskOptions options = TaskOptionsJson.parse("""
                {"lines": [{"name": "edge", "from": [0, 360], "to": [640, 360]}],
                 "zones": [{"name": "z", "polygon": [[0, 0], [641, 0], [0, 10]]}]}""");

        assertThatThrownBy(() -> options.requireInside(640, 360)).isInstanceOf(InvalidTaskOptions.class)
                .hasMessage("options.zones[0].polygon[1]: (641.0, 0.0) is outside the 640x360 frame");
        TaskOptionsJson.parse("{\"lines\": [{\"name\": \"edge\", \"from\": [0, 360], \"to\": [640, 360]}]}")
                .requireInside(640, 360);
    }

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> TaskOptionsJson.parse(json)).isInstanceOf(InvalidTaskOptions.class)
                .hasMessage(message);
    }
}
