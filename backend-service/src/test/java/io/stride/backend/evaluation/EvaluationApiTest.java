package io.stride.backend.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.stride.backend.testing.Backend;
import io.stride.backend.testing.StagelessBackend;
import io.stride.core.task.TaskEvent;
import io.stride.core.topic.TopicNames;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /tasks/{id}/evaluation} against a real backend and broker with no stages: the test plays a completed
 * task by writing its JSON Lines and publishing its events, then posts ground truth as a curl user would.
 */
class EvaluationApiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int SIZE_LIMIT = 1024;
    private static final double EXACT = 1e-12;

    /**
     * Task frames 0–2 (MOTChallenge frames 1–3). Track 1 follows the left walker throughout; the right walker is
     * track 2 in frames 0–1 and track 3 in frame 2 (an id switch); track 4 in frame 0 sits on a static person.
     */
    private static final String TRACKS = """
            {"frame":0,"pts_us":0,"detections":[],"tracks":[{"track_id":1,"box":[100,100,150,200],"score":0.9,"class_id":0},{"track_id":2,"box":[300,100,350,200],"score":0.9,"class_id":0},{"track_id":4,"box":[500,100,550,200],"score":0.8,"class_id":0}],"poses":[]}
            {"frame":1,"pts_us":40000,"detections":[],"tracks":[{"track_id":1,"box":[100,100,150,200],"score":0.9,"class_id":0},{"track_id":2,"box":[300,100,350,200],"score":0.9,"class_id":0}],"poses":[]}
            {"frame":2,"pts_us":80000,"detections":[],"tracks":[{"track_id":1,"box":[100,100,150,200],"score":0.9,"class_id":0},{"track_id":3,"box":[300,100,350,200],"score":0.9,"class_id":0}],"poses":[]}
            """;

    /** Two walkers (pedestrians, consider 1) in frames 1–3 on the tracks' boxes, and a static person (class 7). */
    private static final String GROUND_TRUTH = """
            1,1,100,100,50,100,1,1,1
            1,2,300,100,50,100,1,1,1
            1,9,500,100,50,100,0,7,1
            2,1,100,100,50,100,1,1,1
            2,2,300,100,50,100,1,1,1
            3,1,100,100,50,100,1,1,1
            3,2,300,100,50,100,1,1,1
            """;

    @RegisterExtension
    static final StagelessBackend stageless =
            new StagelessBackend("--stride.evaluation.max-ground-truth-size=" + SIZE_LIMIT + "B");

    @Test
    void scoresAHandWrittenTaskAsWorkedOutByHand() throws Exception {
        String taskId = stageless.completedTask(TRACKS);

        HttpResponse<String> response = post(taskId, "text/plain", GROUND_TRUTH);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode scores = Backend.JSON.readTree(response.body());
        // Every box matches exactly (IoU 1); track 4 on the static person is dropped, neither TP nor FP.
        // CLEAR: TP 6, FN 0, FP 0, one switch (2 → 3): MOTA 5/6. ID: target 1 ↔ 1 (3 frames), 2 ↔ 2 (2):
        // IDTP 5, IDFN 1, IDFP 1 (track 3), IDF1 5/6.
        assertThat(scores.get("frames").asLong()).isEqualTo(3);
        assertThat(scores.get("gt_tracks").asInt()).isEqualTo(2);
        assertThat(scores.get("true_positives").asLong()).isEqualTo(6);
        assertThat(scores.get("false_positives").asLong()).isZero();
        assertThat(scores.get("false_negatives").asLong()).isZero();
        assertThat(scores.get("id_switches").asLong()).isEqualTo(1);
        assertThat(scores.get("mostly_tracked").asInt()).isEqualTo(2);
        assertThat(scores.get("mostly_lost").asInt()).isZero();
        assertThat(scores.get("mota").asDouble()).isCloseTo(5 / 6.0, within(EXACT));
        assertThat(scores.get("motp").asDouble()).isEqualTo(1);
        assertThat(scores.get("idf1").asDouble()).isCloseTo(5 / 6.0, within(EXACT));
        assertThat(scores.get("idp").asDouble()).isCloseTo(5 / 6.0, within(EXACT));
        assertThat(scores.get("idr").asDouble()).isCloseTo(5 / 6.0, within(EXACT));
        // HOTA, the same at every threshold: DetA 6/6. Pair accuracies: (1, 1) 3 / (3 + 3 − 3) = 1 over 3 matches,
        // (2, 2) 2 / (3 + 2 − 2) = 2/3 over 2, (2, 3) 1 / (3 + 1 − 1) = 1/3 over 1: AssA (3 + 4/3 + 1/3) / 6 = 7/9.
        assertThat(scores.get("det_a").asDouble()).isCloseTo(1, within(EXACT));
        assertThat(scores.get("ass_a").asDouble()).isCloseTo(7 / 9.0, within(EXACT));
        assertThat(scores.get("hota").asDouble()).isCloseTo(Math.sqrt(7 / 9.0), within(EXACT));
        assertThat(scores.get("loc_a").asDouble()).isCloseTo(1, within(EXACT));
    }

    @Test
    void acceptsCsvAndCountsTrackerBoxesAfterTheLastAnnotatedFrameAsFalsePositives() throws Exception {
        String taskId = stageless.completedTask(TRACKS);
        String firstTwoFrames = GROUND_TRUTH.lines().filter(line -> !line.startsWith("3,"))
                .reduce("", (text, line) -> text + line + "\r\n");

        HttpResponse<String> response = post(taskId, "text/csv", firstTwoFrames);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode scores = Backend.JSON.readTree(response.body());
        assertThat(scores.get("frames").asLong()).isEqualTo(3);
        assertThat(scores.get("true_positives").asLong()).isEqualTo(4);
        assertThat(scores.get("false_positives").asLong()).isEqualTo(2);
    }

    @Test
    void refusesWhatCannotBeScored() throws Exception {
        String taskId = stageless.completedTask(TRACKS);

        assertRefused(post(taskId, "text/plain", "1,1,100,100,50,100,1,1,1\n\n2,1,100,100,50,100,1\n"), 400,
                "ground truth line 3: expected at least 8 columns, found 7");
        assertRefused(post(taskId, "text/plain", "1,1,100,100,50,100,1,1,1\n1,1,0,0,5,5,1,1,1\n"), 400,
                "ground truth line 2: frame 1 has id 1 again (first on line 1)");
        assertRefused(post(taskId, "text/plain", "\n"), 400, "the ground truth holds no row (expected "
                + "MOTChallenge gt.txt lines frame,id,left,top,width,height,consider,class[,visibility])");
        assertRefused(post(taskId, "text/plain", "1,1,100,100,50,100,1,1,1\n".repeat(SIZE_LIMIT / 10)), 413,
                "the ground truth exceeds the size limit of " + SIZE_LIMIT
                        + " bytes (stride.evaluation.max-ground-truth-size)");
        assertThat(post(taskId, "application/json", "{}").statusCode()).isEqualTo(415);
        String unknown = TopicNames.newTaskId();
        assertRefused(post(unknown, "text/plain", GROUND_TRUTH), 404, "no task " + unknown);
        assertRefused(post("not-a-task", "text/plain", GROUND_TRUTH), 400,
                "not a task id (expected a lower-case UUID): not-a-task");
    }

    @Test
    void refusesATaskThatIsStillRunning() throws Exception {
        String taskId = TopicNames.newTaskId();
        stageless.events().publishAndWait(TaskEvent.started(taskId, 3, "walking.mp4"));
        await().atMost(WAIT).until(() -> stageless.client().get("/status/" + taskId).statusCode() == 200);

        HttpResponse<String> response = post(taskId, "text/plain", GROUND_TRUTH);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(Backend.JSON.readTree(response.body()).get("message").asText())
                .startsWith("task " + taskId + " is ").endsWith("; only a completed task can be evaluated");
    }

    private static HttpResponse<String> post(String taskId, String contentType, String body) {
        Backend backend = stageless.backend();
        return backend.send(backend.request("/tasks/" + taskId + "/evaluation")
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static void assertRefused(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(Backend.JSON.readTree(response.body()).get("message").asText()).isEqualTo(message);
    }
}
