package io.stride.backend.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.stride.backend.testing.Backend;
import io.stride.backend.options.TaskOptionsJson;
import io.stride.backend.testing.Clips;
import io.stride.backend.testing.StagelessBackend;
import io.stride.core.result.ResultFiles;
import io.stride.core.task.TaskEvent;
import io.stride.core.topic.TopicNames;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /tasks/{id}/analyses} and what it answers, against a real backend and broker with no stages: the test
 * plays a completed task by writing its JSON Lines and publishing its events.
 */
class AnalysesApiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int MAX_ANALYSES = 3;
    private static final String DOOR_AND_QUEUE = """
            {"lines": [{"name": "door", "from": [100, 100], "to": [300, 100]}],
             "zones": [{"name": "queue", "polygon": [[100, 150], [300, 150], [300, 250], [100, 250]]}]}""";

    /**
     * 25 fps (frame n at n × 40 ms). Anchors (bottom centres): track 1, a person, walks down through the door (in at
     * frame 1), into the queue (frame 2) and out of it (frame 5); track 2, a car, goes up through the door (out at
     * 1), is lost for two frames and found below it (in at 4); track 3, a person, passes beside the door's end at
     * x = 55 (no count) and enters the queue at 4, still inside when the video ends; track 4 touches the door
     * (y = 100) and goes back (no count).
     */
    private static final String HAND_WRITTEN = """
            {"frame":0,"pts_us":0,"detections":[],"tracks":[{"track_id":1,"box":[130,20,170,80],"score":0.9,"class_id":0},{"track_id":2,"box":[230,70,270,130],"score":0.8,"class_id":2},{"track_id":4,"box":[190,50,210,90],"score":0.7,"class_id":0}],"poses":[]}
            {"frame":1,"pts_us":40000,"detections":[],"tracks":[{"track_id":1,"box":[130,60,170,120],"score":0.9,"class_id":0},{"track_id":2,"box":[230,30,270,90],"score":0.8,"class_id":2},{"track_id":4,"box":[190,60,210,100],"score":0.7,"class_id":0}],"poses":[]}
            {"frame":2,"pts_us":80000,"detections":[],"tracks":[{"track_id":1,"box":[130,100,170,160],"score":0.9,"class_id":0},{"track_id":3,"box":[40,50,60,90],"score":0.6,"class_id":0},{"track_id":4,"box":[190,50,210,90],"score":0.7,"class_id":0}],"poses":[]}
            {"frame":3,"pts_us":120000,"detections":[],"tracks":[{"track_id":1,"box":[130,140,170,200],"score":0.9,"class_id":0},{"track_id":3,"box":[50,70,70,110],"score":0.6,"class_id":0}],"poses":[]}
            {"frame":4,"pts_us":160000,"detections":[],"tracks":[{"track_id":1,"box":[130,180,170,240],"score":0.9,"class_id":0},{"track_id":2,"box":[230,70,270,130],"score":0.8,"class_id":2},{"track_id":3,"box":[190,120,210,180],"score":0.6,"class_id":0}],"poses":[]}
            {"frame":5,"pts_us":200000,"detections":[],"tracks":[{"track_id":1,"box":[130,210,170,270],"score":0.9,"class_id":0},{"track_id":3,"box":[190,130,210,190],"score":0.6,"class_id":0}],"poses":[]}
            {"frame":6,"pts_us":240000,"detections":[],"tracks":[],"poses":[]}
            """;

    @RegisterExtension
    static final StagelessBackend stageless =
            new StagelessBackend("--stride.analytics.max-analyses-per-task=" + MAX_ANALYSES);

    @Test
    void countsAHandWrittenTaskExactlyAsWorkedOutByHand() throws Exception {
        String taskId = stageless.completedTask(HAND_WRITTEN);

        HttpResponse<String> created = post(taskId, DOOR_AND_QUEUE);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String analysisId = Backend.JSON.readTree(created.body()).get("analysis_id").asText();
        assertThat(created.headers().firstValue("Location"))
                .hasValue("/tasks/" + taskId + "/analyses/" + analysisId);

        HttpResponse<String> analytics = stageless.client().get("/tasks/" + taskId + "/analyses/" + analysisId);
        assertThat(analytics.statusCode()).isEqualTo(200);
        assertThat(analytics.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        // Visits: track 1 from frame 2 to 4 (0.08 s), track 3 from 4 to 5 (0.04 s); tracks 1 and 3 inside at 4.
        assertThat(analytics.body()).isEqualTo("{\"lines\":[{\"name\":\"door\",\"in\":2,\"out\":1,\"by_class\":"
                + "{\"car\":{\"in\":1,\"out\":1},\"person\":{\"in\":1,\"out\":0}}}],\"zones\":[{\"name\":\"queue\","
                + "\"entries\":2,\"exits\":1,\"max_occupancy\":2,\"mean_dwell_s\":0.06,\"max_dwell_s\":0.08}]}");

        HttpResponse<String> eventLines = stageless.client().get("/tasks/" + taskId + "/analyses/" + analysisId
                + "/events");
        assertThat(eventLines.statusCode()).isEqualTo(200);
        assertThat(eventLines.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/jsonl");
        assertThat(eventLines.body()).isEqualTo("""
                {"frame":1,"pts_us":40000,"type":"line_crossed","name":"door","track_id":1,"class_name":"person","direction":"in"}
                {"frame":1,"pts_us":40000,"type":"line_crossed","name":"door","track_id":2,"class_name":"car","direction":"out"}
                {"frame":2,"pts_us":80000,"type":"zone_entered","name":"queue","track_id":1,"class_name":"person"}
                {"frame":4,"pts_us":160000,"type":"line_crossed","name":"door","track_id":2,"class_name":"car","direction":"in"}
                {"frame":4,"pts_us":160000,"type":"zone_entered","name":"queue","track_id":3,"class_name":"person"}
                {"frame":5,"pts_us":200000,"type":"zone_exited","name":"queue","track_id":1,"class_name":"person"}
                """);
        assertThat(resultFiles(taskId)).containsExactlyInAnyOrder(taskId + ".jsonl",
                taskId + ".analysis-" + analysisId + ".json", taskId + ".analysis-" + analysisId + ".events.jsonl");
    }

    @Test
    void aTaskUploadedWithLinesAndZonesHasTheirCountsAmongItsResults() throws Exception {
        String options = TaskOptionsJson.write(TaskOptionsJson.parse(DOOR_AND_QUEUE));
        String taskId = stageless.completedTask(TopicNames.newTaskId(), HAND_WRITTEN, options);

        HttpResponse<String> analytics = stageless.client().get("/result/" + taskId + "/analytics");
        HttpResponse<String> eventLines = stageless.client().get("/result/" + taskId + "/events");

        assertThat(analytics.statusCode()).as(analytics.body()).isEqualTo(200);
        assertThat(analytics.body()).isEqualTo("{\"lines\":[{\"name\":\"door\",\"in\":2,\"out\":1,\"by_class\":"
                + "{\"car\":{\"in\":1,\"out\":1},\"person\":{\"in\":1,\"out\":0}}}],\"zones\":[{\"name\":\"queue\","
                + "\"entries\":2,\"exits\":1,\"max_occupancy\":2,\"mean_dwell_s\":0.06,\"max_dwell_s\":0.08}]}");
        assertThat(eventLines.statusCode()).isEqualTo(200);
        assertThat(eventLines.body().lines()).hasSize(6).first().asString()
                .isEqualTo("{\"frame\":1,\"pts_us\":40000,\"type\":\"line_crossed\",\"name\":\"door\",\"track_id\":1,"
                        + "\"class_name\":\"person\",\"direction\":\"in\"}");
        assertThat(Backend.JSON.readTree(stageless.client().get("/status/" + taskId).body()).get("options"))
                .isEqualTo(Backend.JSON.readTree(options));
        assertThat(post(taskId, DOOR_AND_QUEUE).statusCode()).as("outside the allowance of analyses").isEqualTo(201);
    }

    @Test
    void aTaskUploadedWithoutLinesOrZonesHasEmptyAnalyticsAndOneStillRunningHasNone() throws Exception {
        String plain = stageless.completedTask(HAND_WRITTEN);
        String running = TopicNames.newTaskId();
        stageless.events().publishAndWait(TaskEvent.started(running, 7, "walking.mp4"));
        await().atMost(WAIT).until(() -> stageless.client().get("/status/" + running).body().contains("running"));

        assertThat(stageless.client().get("/result/" + plain + "/analytics").body())
                .isEqualTo("{\"lines\":[],\"zones\":[]}");
        assertThat(stageless.client().get("/result/" + plain + "/events").body()).isEmpty();
        assertThat(Backend.JSON.readTree(stageless.client().get("/status/" + plain).body()).has("options")).isFalse();
        assertRefused(stageless.client().get("/result/" + running + "/analytics"), 409, "task " + running
                + " is running: only a completed task's tracks can be analysed");
    }

    @Test
    void aRunningTaskAnswersItsCountsSoFarThenItsFinalOnes() throws Exception {
        String options = TaskOptionsJson.write(TaskOptionsJson.parse(DOOR_AND_QUEUE));
        String taskId = TopicNames.newTaskId();
        Path results = Files.createDirectories(stageless.results());
        stageless.events().publishAndWait(TaskEvent.started(taskId, 7, "walking.mp4", options));
        await().atMost(WAIT).until(() -> stageless.client().get("/status/" + taskId).body().contains("running"));
        assertRefused(stageless.client().get("/result/" + taskId + "/analytics"), 409, "task " + taskId
                + " is running: only a completed task's tracks can be analysed");

        String soFar = "{\"lines\":[{\"name\":\"door\",\"in\":1,\"out\":1,\"by_class\":{\"car\":{\"in\":0,"
                + "\"out\":1},\"person\":{\"in\":1,\"out\":0}}}],\"zones\":[{\"name\":\"queue\",\"entries\":1,"
                + "\"exits\":0,\"max_occupancy\":1,\"mean_dwell_s\":0.0,\"max_dwell_s\":0.0}]}";
        Files.writeString(results.resolve(taskId + ResultFiles.LIVE_ANALYTICS_SUFFIX), soFar);
        HttpResponse<String> live = stageless.client().get("/result/" + taskId + "/analytics");

        assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
        assertThat(live.body()).isEqualTo(soFar);
        assertThat(live.headers().firstValue("X-Stride-Analytics")).hasValue("live");
        assertThat(live.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");

        Files.writeString(results.resolve(taskId + ".jsonl"), HAND_WRITTEN);
        stageless.events().publishAndWait(TaskEvent.completed(taskId, "annotation", 7));
        await().atMost(WAIT).until(() -> stageless.client().get("/status/" + taskId).body().contains("completed"));
        HttpResponse<String> last = stageless.client().get("/result/" + taskId + "/analytics");

        assertThat(last.statusCode()).isEqualTo(200);
        assertThat(last.headers().firstValue("X-Stride-Analytics")).hasValue("final");
        assertThat(last.body()).startsWith("{\"lines\":[{\"name\":\"door\",\"in\":2,\"out\":1,");
    }

    @Test
    void aPointOutsideTheTasksFrameIsRefusedNamingIt() throws Exception {
        String taskId = stageless.completedTask(HAND_WRITTEN);
        Clips.write(stageless.results().resolve(taskId + ".mp4"),
                new Clips.Encoding("mp4", "libx264", 320, 240, 25, 0), 2, i -> Clips.grey(320, 240, i));

        assertRefused(post(taskId, "{\"lines\": [{\"name\": \"door\", \"from\": [0, 10], \"to\": [321, 10]}]}"),
                400, "lines[0].to: (321.0, 10.0) is outside the 320x240 frame");
        assertRefused(post(taskId, "{\"zones\": [{\"name\": \"z\", \"polygon\": [[0, 0], [320, 0], [0, 241]]}]}"),
                400, "zones[0].polygon[2]: (0.0, 241.0) is outside the 320x240 frame");
        assertThat(post(taskId, "{\"lines\": [{\"name\": \"edge\", \"from\": [0, 240], \"to\": [320, 240]}]}")
                .statusCode()).as("the frame's border is inside").isEqualTo(201);
    }

    @Test
    void agreesWithAnIndependentRecomputationOnRandomWalks() throws Exception {
        List<ReferenceAnalytics.Row> rows = randomWalks(new Random(17), 40, 600);
        String taskId = stageless.completedTask(jsonLines(rows));
        List<ReferenceAnalytics.Line> lines = List.of(
                new ReferenceAnalytics.Line("across", 100, 240, 540, 240),
                new ReferenceAnalytics.Line("diagonal", 50, 50, 600, 430),
                new ReferenceAnalytics.Line("short", 320, 100, 320, 200));
        List<ReferenceAnalytics.Zone> zones = List.of(
                new ReferenceAnalytics.Zone("triangle", new double[][] {{100, 300}, {400, 300}, {250, 460}}),
                new ReferenceAnalytics.Zone("u", new double[][] {{200, 50}, {260, 50}, {260, 150}, {380, 150},
                        {380, 50}, {440, 50}, {440, 220}, {200, 220}}));

        HttpResponse<String> created = post(taskId, requestBody(lines, zones));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String path = "/tasks/" + taskId + "/analyses/" + Backend.JSON.readTree(created.body()).get("analysis_id")
                .asText();
        JsonNode analytics = Backend.JSON.readTree(stageless.client().get(path).body());
        List<JsonNode> answered = stageless.client().get(path + "/events").body().lines()
                .map(Backend.JSON::readTree).toList();

        List<String> expected = ReferenceAnalytics.events(rows, lines, zones);
        assertThat(expected).as("the walks exercise every rule").hasSizeGreaterThan(100)
                .anyMatch(e -> e.contains("line_crossed")).anyMatch(e -> e.contains("zone_exited"));
        assertThat(rows).as("some anchors lie exactly on a line")
                .anyMatch(row -> row.y() == 240 && row.x() >= 100 && row.x() <= 540);
        assertThat(answered.stream().map(AnalysesApiTest::asReferenceEvent).sorted().toList()).isEqualTo(expected);
        assertThat(answered).extracting(event -> event.get("frame").asLong()).isSorted();
        for (int i = 0; i < lines.size(); i++) {
            ReferenceAnalytics.LineResult count = ReferenceAnalytics.count(rows, lines.get(i));
            JsonNode line = analytics.get("lines").get(i);
            assertThat(line.get("name").asText()).isEqualTo(lines.get(i).name());
            assertThat(line.get("in").asLong()).isEqualTo(count.in());
            assertThat(line.get("out").asLong()).isEqualTo(count.out());
            assertThat(line.get("by_class").propertyNames()).containsExactlyElementsOf(count.byClass().keySet());
            count.byClass().forEach((name, inOut) -> {
                assertThat(line.get("by_class").get(name).get("in").asLong()).isEqualTo(inOut[0]);
                assertThat(line.get("by_class").get(name).get("out").asLong()).isEqualTo(inOut[1]);
            });
        }
        for (int i = 0; i < zones.size(); i++) {
            ReferenceAnalytics.ZoneResult visits = ReferenceAnalytics.visits(rows, zones.get(i));
            JsonNode zone = analytics.get("zones").get(i);
            assertThat(zone.get("name").asText()).isEqualTo(zones.get(i).name());
            assertThat(zone.get("entries").asLong()).isEqualTo(visits.entries());
            assertThat(zone.get("exits").asLong()).isEqualTo(visits.exits());
            assertThat(zone.get("max_occupancy").asInt()).isEqualTo(visits.maxOccupancy());
            assertThat(zone.get("mean_dwell_s").asDouble()).isCloseTo(visits.meanDwellSeconds(), within(1e-9));
            assertThat(zone.get("max_dwell_s").asDouble()).isCloseTo(visits.maxDwellSeconds(), within(1e-9));
        }
    }

    @Test
    void refusesWhatCannotBeAnalysed() throws Exception {
        String unknown = TopicNames.newTaskId();
        assertRefused(post(unknown, DOOR_AND_QUEUE), 404, "no task " + unknown);
        assertRefused(post("not-a-task", DOOR_AND_QUEUE), 400, "not a task id (expected a lower-case UUID): "
                + "not-a-task");

        String running = TopicNames.newTaskId();
        stageless.events().publishAndWait(TaskEvent.started(running, 10, "running.mp4"));
        await().atMost(WAIT).until(() -> stageless.client().get("/status/" + running).statusCode() == 200);
        assertRefused(post(running, DOOR_AND_QUEUE), 409, "task " + running + " is running: only a completed "
                + "task's tracks can be analysed");

        String taskId = stageless.completedTask(HAND_WRITTEN);
        assertRefused(post(taskId, "{\"lines\": [{\"name\": \"door\", \"from\": [5, 5], \"to\": [5, 5]}]}"), 400,
                "lines[0]: from and to are the same point (5.0, 5.0), a line of zero length");
        assertRefused(post(taskId, "{\"zones\": [{\"name\": \"z\", \"polygon\": [[0, 0], [1, 1]]}], \"x\": 1}"),
                400, "x: unknown field (expected lines, zones)");
        assertRefused(stageless.client().get("/tasks/" + taskId + "/analyses/0123456789abcdef"), 404,
                "task " + taskId + " has no analysis 0123456789abcdef");
        assertRefused(stageless.client().get("/tasks/" + taskId + "/analyses/..%2Fetc"), 400,
                "not an analysis id (expected 16 lower-case hex digits): ../etc");
        assertThat(resultFiles(taskId)).containsExactly(taskId + ".jsonl");
    }

    @Test
    void boundsTheAnalysesOfATaskAndDeletesThemWithIt() throws Exception {
        String taskId = stageless.completedTask(HAND_WRITTEN);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < MAX_ANALYSES; i++) {
            HttpResponse<String> created = post(taskId, DOOR_AND_QUEUE);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            ids.add(Backend.JSON.readTree(created.body()).get("analysis_id").asText());
        }
        assertRefused(post(taskId, DOOR_AND_QUEUE), 409, "task " + taskId + " already has " + MAX_ANALYSES
                + " analyses, as many as stride.analytics.max-analyses-per-task allows; delete one first");

        assertThat(stageless.backend().delete("/tasks/" + taskId + "/analyses/" + ids.get(0)).statusCode())
                .isEqualTo(204);
        assertThat(stageless.client().get("/tasks/" + taskId + "/analyses/" + ids.get(0)).statusCode()).isEqualTo(404);
        assertThat(post(taskId, DOOR_AND_QUEUE).statusCode()).isEqualTo(201);

        // A backend started afterwards (the task list replayed from Kafka) answers the same analyses.
        try (Backend restarted = Backend.start(stageless.broker(), stageless.dataDir())) {
            await().atMost(WAIT).until(() -> restarted.client().get("/status/" + taskId).body()
                    .contains("completed"));
            HttpResponse<String> again = restarted.client().get("/tasks/" + taskId + "/analyses/" + ids.get(1));
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body()).startsWith("{\"lines\":[{\"name\":\"door\",\"in\":2,");
        }

        assertThat(stageless.backend().delete("/tasks/" + taskId).statusCode()).isEqualTo(200);
        assertThat(resultFiles(taskId)).isEmpty();
    }

    @Test
    void documentsTheEndpointsAndTheirErrors() {
        JsonNode paths = Backend.JSON.readTree(stageless.client().get("/v3/api-docs").body()).get("paths");

        JsonNode create = paths.get("/tasks/{taskId}/analyses").get("post");
        assertThat(create.get("responses").propertyNames()).containsExactlyInAnyOrder("201", "400", "404", "409");
        assertThat(paths.get("/tasks/{taskId}/analyses/{analysisId}").propertyNames())
                .containsExactlyInAnyOrder("get", "delete");
        assertThat(paths.get("/tasks/{taskId}/analyses/{analysisId}/events").propertyNames()).containsExactly("get");
        List<String> undocumented = new ArrayList<>();
        paths.properties().stream().filter(path -> path.getKey().contains("/analyses")).forEach(path ->
                path.getValue().properties().forEach(operation ->
                        operation.getValue().get("responses").properties().forEach(response -> {
                            JsonNode schema = response.getValue().path("content").path("application/json")
                                    .path("schema");
                            if (Integer.parseInt(response.getKey()) >= 400
                                    && !schema.path("$ref").asText().endsWith("/ApiError")) {
                                undocumented.add(operation.getKey() + " " + path.getKey() + " " + response.getKey());
                            }
                        })));
        assertThat(undocumented).as("error answers without the ApiError body").isEmpty();
    }

    private static HttpResponse<String> post(String taskId, String body) {
        Backend backend = stageless.backend();
        return backend.send(backend.request("/tasks/" + taskId + "/analyses")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static void assertRefused(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(Backend.JSON.readTree(response.body()).get("message").asText()).isEqualTo(message);
    }

    private static List<String> resultFiles(String taskId) throws IOException {
        try (Stream<Path> files = Files.list(stageless.results())) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.startsWith(taskId)).toList();
        }
    }

    /**
     * Tracks wandering in a 640×480 frame on whole pixels (so anchors land exactly on lines and vertices), 30 fps,
     * each lost now and then for up to 15 frames; persons and cars.
     */
    private static List<ReferenceAnalytics.Row> randomWalks(Random random, int tracks, int frames) {
        List<ReferenceAnalytics.Row> rows = new ArrayList<>();
        for (int track = 1; track <= tracks; track++) {
            String className = random.nextInt(3) == 0 ? "car" : "person";
            int first = random.nextInt(frames - 20);
            int last = Math.min(frames - 1, first + 20 + random.nextInt(300));
            int x = 20 + random.nextInt(600);
            int y = 20 + random.nextInt(440);
            int lostUntil = -1;
            for (int frame = first; frame <= last; frame++) {
                x = Math.max(10, Math.min(630, x + random.nextInt(-6, 7)));
                y = Math.max(10, Math.min(470, y + random.nextInt(-6, 7)));
                if (frame > lostUntil && random.nextInt(20) == 0) {
                    lostUntil = frame + 1 + random.nextInt(15);
                }
                if (frame > lostUntil) {
                    rows.add(new ReferenceAnalytics.Row(frame, Math.round(frame * 1e6 / 30), track, className, x, y));
                }
            }
        }
        return rows;
    }

    /** The rows as the annotation service writes them: a line per frame, boxes 20×60 around the anchor. */
    private static String jsonLines(List<ReferenceAnalytics.Row> rows) {
        long frames = rows.stream().mapToLong(ReferenceAnalytics.Row::frame).max().orElse(0) + 1;
        StringBuilder out = new StringBuilder();
        for (long frame = 0; frame < frames; frame++) {
            final long f = frame;
            List<String> tracks = rows.stream().filter(row -> row.frame() == f)
                    .map(row -> "{\"track_id\":" + row.trackId() + ",\"box\":[" + (row.x() - 10) + ","
                            + (row.y() - 60) + "," + (row.x() + 10) + "," + row.y() + "],\"score\":0.9,\"class_id\":"
                            + (row.className().equals("car") ? 2 : 0) + "}")
                    .toList();
            out.append("{\"frame\":").append(frame).append(",\"pts_us\":").append(Math.round(frame * 1e6 / 30))
                    .append(",\"detections\":[],\"tracks\":[").append(String.join(",", tracks))
                    .append("],\"poses\":[]}\n");
        }
        return out.toString();
    }

    private static String requestBody(List<ReferenceAnalytics.Line> lines, List<ReferenceAnalytics.Zone> zones) {
        List<String> lineJson = lines.stream().map(line -> "{\"name\":\"" + line.name() + "\",\"from\":["
                + line.ax() + "," + line.ay() + "],\"to\":[" + line.bx() + "," + line.by() + "]}").toList();
        List<String> zoneJson = zones.stream().map(zone -> "{\"name\":\"" + zone.name() + "\",\"polygon\":["
                + String.join(",", Stream.of(zone.vertices()).map(v -> "[" + v[0] + "," + v[1] + "]").toList())
                + "]}").toList();
        return "{\"lines\":[" + String.join(",", lineJson) + "],\"zones\":[" + String.join(",", zoneJson) + "]}";
    }

    private static String asReferenceEvent(JsonNode event) {
        return event.get("frame").asLong() + " " + event.get("type").asText() + " " + event.get("name").asText() + " "
                + event.get("track_id").asInt() + " " + event.get("class_name").asText().replace(' ', '_') + " "
                + (event.has("direction") ? event.get("direction").asText() : "-");
    }
}
