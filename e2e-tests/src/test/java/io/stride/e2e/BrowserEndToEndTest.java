package io.stride.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.stride.core.testing.SharedData;
import io.stride.rtmpose.testing.ExactAnswerPoseModel;
import io.stride.rtsp.RtspServer;
import io.stride.rtsp.RtspServerSettings;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.assertj.core.data.Offset;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web page in a real browser (Debian's headless chromium through chromedriver) against the whole fleet:
 * upload through the file input, watch the task climb to 100 % without reloading, play the result in the page,
 * download the annotations, see an unreadable file's error, watch a running task live and cancel it, draw a line
 * and a zone on a finished task's heatmap and see them counted, start a camera (FFmpeg publishing a looped clip in
 * real time to Stride's RTSP relay, in this JVM) and watch it live, its counters, segments, counts so far and
 * events, then stop it. Each step leaves a screenshot in {@code target/screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserEndToEndTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("stride.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("stride.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TASK_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);
    private static final double CLIP_SECONDS = 1.0;
    private static final double DURATION_TOLERANCE = 0.1;
    private static final int CLIP_FRAMES = 5;
    private static final long PEOPLE_WALKING_WIDTH = 1280;
    private static final long PEOPLE_WALKING_HEIGHT = 720;
    /** Two seconds of people-walking: enough walking to count, short enough for a loaded machine. */
    private static final int COUNTED_FRAMES = 60;
    private static final String COUNTED_CLIP = "people-walking-start.mp4";
    /** How far from the frame's edges lines and zones are drawn, as a fraction of its size. */
    private static final double EDGE = 0.05;
    /** Half the height of the zone drawn around the counted line, as a fraction of the frame's. */
    private static final double ZONE_HALF_HEIGHT = 0.1;
    /** Source pixels a track's anchor must move for a line halfway along to be clearly crossed. */
    private static final double MIN_TRACK_TRAVEL = 10;
    /** Half a hundredth, and a little for the decimal printing of a double. */
    private static final double HUNDREDTH_ROUNDING = 0.005 + 1e-9;
    private static final int DESKTOP_WIDTH = 1280;
    private static final int DESKTOP_HEIGHT = 1000;
    /** Tall enough for the upload form and a finished task with its video in one screenshot. */
    private static final int TALL_HEIGHT = 1500;
    private static final int PHONE_WIDTH = 390;
    private static final int PHONE_HEIGHT = 844;
    /** In a camera's URL, to check that no answer and no part of the page ever shows it. */
    private static final String CAMERA_SECRET = "s3cretPass";
    private static final String CAMERA_PATH = "/gate-2";
    private static final Duration CAMERA_TIMEOUT = Duration.ofSeconds(90);
    /** Short segments, so a camera's recording lists one while it runs. */
    private static final String SEGMENT_DURATION = "8s";

    @TempDir
    static Path dataDir;

    private static HttpServer previewRedirect;
    private static RtspServer cameraRelay;
    private static volatile String annotationUrl;
    private static Fleet fleet;
    private static WebDriver browser;
    private static String pageUrl;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        Files.createDirectories(SCREENSHOTS);
        // The fleet's services take free ports, so the annotation service's is unknown when the backend is told
        // where the page finds the live preview: a redirect at a fixed address stands in for it.
        previewRedirect = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        previewRedirect.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Location", annotationUrl + exchange.getRequestURI());
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        previewRedirect.start();
        Path poseModel = ExactAnswerPoseModel.write(dataDir.resolve("exact-pose.onnx"), 192, 256);
        fleet = new Fleet(dataDir, SharedData.model(SharedData.YOLOX_NANO), poseModel,
                "--stride.web.preview-base-url=http://localhost:" + previewRedirect.getAddress().getPort(),
                "--stride.annotation.recording.segment-duration=" + SEGMENT_DURATION);
        annotationUrl = fleet.baseUrl("annotation");
        pageUrl = fleet.baseUrl("backend") + "/";
        browser = startBrowser();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (browser != null) {
            browser.quit();
        }
        if (fleet != null) {
            fleet.close();
        }
        if (previewRedirect != null) {
            previewRedirect.stop(0);
        }
        if (cameraRelay != null) {
            cameraRelay.close();
        }
    }

    @Test
    @Order(1)
    void aVideoUploadedThroughThePageIsFollowedToItsPlayableResult() throws Exception {
        browser.get(pageUrl);
        js("window.strideNotReloaded = true;");
        waitFor(PAGE_TIMEOUT, ExpectedConditions.textToBe(By.id("connection"), "Live"));
        assertEveryControlIsLabelled();
        screenshot("1-1-page");

        browser.findElement(By.id("file-input")).sendKeys(SharedData.video(SharedData.MMPOSE_DEMO).toString());
        WebElement task = waitFor(PAGE_TIMEOUT, d -> taskNamed(SharedData.MMPOSE_DEMO));
        String taskId = task.getDomAttribute("data-task-id");
        screenshot("1-2-task-appears");

        waitFor(TASK_TIMEOUT, d -> "completed".equals(task.getDomAttribute("data-status")));
        assertThat(task.findElement(By.cssSelector(".progress-value")).getText()).isEqualTo("100%");
        assertThat(task.findElement(By.cssSelector(".frames")).getText()).isEqualTo(CLIP_FRAMES + " / " + CLIP_FRAMES);
        assertThat(js("return window.strideNotReloaded === true;")).as("the page was never reloaded").isEqualTo(true);

        WebElement video = task.findElement(By.cssSelector("video.result-video"));
        js("arguments[0].scrollIntoView({block: 'center'});", video);
        waitFor(TASK_TIMEOUT, d -> ((Number) js("return arguments[0].readyState;", video)).intValue() >= 2);
        double duration = ((Number) js("return arguments[0].duration;", video)).doubleValue();
        assertThat(duration).isCloseTo(CLIP_SECONDS, Offset.offset(DURATION_TOLERANCE));
        js("window.scrollTo(0, 0);");
        assertEveryControlIsLabelled();
        browser.manage().window().setSize(new Dimension(DESKTOP_WIDTH, TALL_HEIGHT));
        screenshot("1-3-completed");

        String annotations = task.findElement(By.cssSelector("a.download-annotations")).getDomProperty("href");
        assertThat(get(annotations).body().split("\n")).hasSize(CLIP_FRAMES);
        String tracks = task.findElement(By.cssSelector("a.download-tracks")).getDomProperty("href");
        assertThat(get(tracks).statusCode()).isEqualTo(200);
        assertThat(task.findElement(By.cssSelector("a.download-mp4")).getDomProperty("href"))
                .isEqualTo(pageUrl + "result/" + taskId);

        browser.manage().window().setSize(new Dimension(PHONE_WIDTH, PHONE_HEIGHT));
        try {
            assertThat(((Number) js("return document.documentElement.scrollWidth;")).intValue())
                    .as("no sideways scrolling at phone width")
                    .isLessThanOrEqualTo(((Number) js("return window.innerWidth;")).intValue());
            screenshot("1-4-phone-width");
        } finally {
            browser.manage().window().setSize(new Dimension(DESKTOP_WIDTH, DESKTOP_HEIGHT));
        }
    }

    @Test
    @Order(2)
    void aFileThatIsNotAVideoShowsTheApisErrorNextToTheDropZone() throws Exception {
        browser.get(pageUrl);
        Path notes = dataDir.resolve("notes.mp4");
        Files.writeString(notes, "just some text, not a video\n");

        browser.findElement(By.id("file-input")).sendKeys(notes.toString());

        WebElement error = waitFor(PAGE_TIMEOUT, d -> {
            WebElement shown = d.findElement(By.id("upload-error"));
            return shown.getText().isEmpty() ? null : shown;
        });
        assertThat(error.getText()).isEqualTo("notes.mp4 was not accepted: not a video file FFmpeg can read");
        assertThat(browser.findElement(By.id("drop-zone")).findElements(By.id("upload-error"))).hasSize(1);
        screenshot("2-1-not-a-video");
    }

    @Test
    @Order(3)
    void aRunningTaskCanBeWatchedLiveAndCancelled() throws Exception {
        browser.get(pageUrl);
        browser.findElement(By.cssSelector("#upload-options summary")).click();
        browser.findElement(By.id("options-classes")).sendKeys("person, car");
        browser.findElement(By.id("options-pose")).click();
        browser.findElement(By.id("file-input")).sendKeys(SharedData.video(SharedData.PEOPLE_WALKING).toString());
        WebElement task = waitFor(PAGE_TIMEOUT, d -> taskNamed(SharedData.PEOPLE_WALKING));
        String taskId = task.getDomAttribute("data-task-id");
        assertThat(JSON.readTree(fleet.client().get("/tasks/" + taskId).body()).get("options"))
                .as("the options chosen on the page").isEqualTo(JSON.readTree("{\"classes\":[\"person\",\"car\"],"
                        + "\"pose\":false}"));

        WebElement preview = task.findElement(By.cssSelector("img.preview"));
        waitFor(TASK_TIMEOUT, d -> ((Number) js("return arguments[0].naturalWidth;", preview)).longValue()
                == PEOPLE_WALKING_WIDTH);
        assertThat(task.findElement(By.cssSelector("input.stream-url")).getDomProperty("value"))
                .isEqualTo("rtsp://localhost:" + fleet.rtspPort() + "/" + taskId);
        assertThat(task.findElement(By.cssSelector("input.vlc-command")).getDomProperty("value"))
                .isEqualTo("vlc rtsp://localhost:" + fleet.rtspPort() + "/" + taskId);
        assertThat(task.getDomAttribute("data-status")).isEqualTo("running");
        assertEveryControlIsLabelled();
        js("arguments[0].scrollIntoView({block: 'start'});", task);
        screenshot("3-1-live-preview");

        task.findElement(By.cssSelector("button.delete")).sendKeys(Keys.ENTER);
        waitFor(PAGE_TIMEOUT, ExpectedConditions.alertIsPresent()).accept();

        waitFor(PAGE_TIMEOUT, d -> "cancelled".equals(task.getDomAttribute("data-status")));
        assertThat(task.findElement(By.cssSelector(".task-error")).getText())
                .isEqualTo("Cancelled: cancelled by a user");
        assertThat(preview.getDomAttribute("src")).as("the preview stream is closed").isNull();
        waitFor(PAGE_TIMEOUT, d -> fleet.broker().topics().stream().noneMatch(t -> t.endsWith(taskId)));
        assertThat(fleet.jobsDir().resolve(taskId + ".mp4")).doesNotExist();
        screenshot("3-2-cancelled");
    }

    @Test
    @Order(4)
    void aLineAndAZoneDrawnOnTheHeatmapAreCountedAsTheApiCountsThem() throws Exception {
        browser.get(pageUrl);
        Path clip = firstFrames(SharedData.video(SharedData.PEOPLE_WALKING), COUNTED_FRAMES,
                dataDir.resolve(COUNTED_CLIP));
        browser.findElement(By.id("file-input")).sendKeys(clip.toString());
        WebElement task = waitFor(PAGE_TIMEOUT, d -> taskNamed(COUNTED_CLIP));
        String taskId = task.getDomAttribute("data-task-id");
        try {
            waitFor(TASK_TIMEOUT, d -> List.of("completed", "failed", "cancelled")
                    .contains(task.getDomAttribute("data-status")));
        } catch (TimeoutException e) {
            screenshot("4-0-not-finished");
            throw new AssertionError("the task did not finish: " + task.getText(), e);
        }
        assertThat(task.getDomAttribute("data-status")).as(task.getText()).isEqualTo("completed");

        WebElement summary = task.findElement(By.cssSelector("details.count > summary"));
        js("arguments[0].scrollIntoView({block: 'start'});", summary);
        summary.click();
        WebElement heatmap = task.findElement(By.cssSelector("img.heatmap"));
        waitFor(PAGE_TIMEOUT, d -> ((Number) js("return arguments[0].naturalWidth;", heatmap)).longValue()
                == PEOPLE_WALKING_WIDTH);
        assertThat(((Number) js("return arguments[0].naturalHeight;", heatmap)).longValue())
                .isEqualTo(PEOPLE_WALKING_HEIGHT);
        HttpResponse<Path> kept = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(pageUrl + "result/" + taskId + "/heatmap.png")).build(),
                HttpResponse.BodyHandlers.ofFile(SCREENSHOTS.resolve("4-0-heatmap.png").toAbsolutePath()));
        assertThat(kept.statusCode()).isEqualTo(200);

        // Across the path of the track that moved furthest up or down, drawn left to right over the whole street,
        // so at least one crossing is certain; a zone around where it crossed.
        double lineY = crossingHeight(get(pageUrl + "result/" + taskId + "/annotations").body())
                / PEOPLE_WALKING_HEIGHT;
        double[][] lineAt = {{EDGE, lineY}, {1 - EDGE, lineY}};
        double zoneTop = Math.max(EDGE, lineY - ZONE_HALF_HEIGHT);
        double zoneBottom = Math.min(1 - EDGE, lineY + ZONE_HALF_HEIGHT);
        double[][] zoneAt = {{EDGE, zoneTop}, {1 - EDGE, zoneTop}, {1 - EDGE, zoneBottom}, {EDGE, zoneBottom}};
        task.findElement(By.cssSelector("input.shape-name")).sendKeys("street");
        WebElement canvas = task.findElement(By.cssSelector("canvas.draw-canvas"));
        js("arguments[0].scrollIntoView({block: 'center'});", canvas);
        clickAt(canvas, lineAt[0]);
        clickAt(canvas, lineAt[1]);
        task.findElement(By.cssSelector("input.kind-zone")).click();
        task.findElement(By.cssSelector("input.shape-name")).sendKeys("middle");
        for (double[] corner : zoneAt) {
            clickAt(canvas, corner);
        }
        task.findElement(By.cssSelector("button.close-zone")).click();
        assertEveryControlIsLabelled();

        List<long[]> street = drawnPoints(task, "street");
        List<long[]> middle = drawnPoints(task, "middle");
        double sourcePerCssPixel = PEOPLE_WALKING_WIDTH / ((Number) js(
                "return arguments[0].getBoundingClientRect().width;", canvas)).doubleValue();
        assertNear(street, lineAt, sourcePerCssPixel);
        assertNear(middle, zoneAt, sourcePerCssPixel);

        task.findElement(By.cssSelector("button.count-shapes")).click();
        WebElement results = waitFor(PAGE_TIMEOUT, d -> {
            WebElement shown = task.findElement(By.cssSelector(".count-results"));
            return shown.isDisplayed() ? shown : null;
        });
        js("arguments[0].scrollIntoView({block: 'start'});", summary);
        screenshot("4-1-drawn");
        js("arguments[0].scrollIntoView({block: 'end'});", results);
        screenshot("4-2-counted");

        // The same line and zone, posted here, must give what the page shows.
        String body = "{\"lines\":[{\"name\":\"street\",\"from\":" + json(street.get(0)) + ",\"to\":"
                + json(street.get(1)) + "}],\"zones\":[{\"name\":\"middle\",\"polygon\":["
                + String.join(",", middle.stream().map(BrowserEndToEndTest::json).toList()) + "]}]}";
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(pageUrl + "tasks/" + taskId + "/analyses")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String analysisId = JSON.readTree(created.body()).get("analysis_id").asText();
        JsonNode expected = JSON.readTree(get(pageUrl + "tasks/" + taskId + "/analyses/" + analysisId).body());
        JsonNode pages = JSON.readTree(get(pageUrl + "tasks/" + taskId + "/analyses/"
                + results.getDomAttribute("data-analysis-id")).body());
        assertThat(pages).as("what the page posted").isEqualTo(expected);

        JsonNode line = expected.get("lines").get(0);
        assertThat(line.get("in").asLong() + line.get("out").asLong()).as("people cross the street line")
                .isPositive();
        WebElement lineRow = results.findElement(By.cssSelector(".line-counts tr[data-name='street']"));
        assertThat(lineRow.findElement(By.cssSelector("td.in")).getText()).isEqualTo(line.get("in").asText());
        assertThat(lineRow.findElement(By.cssSelector("td.out")).getText()).isEqualTo(line.get("out").asText());
        JsonNode zone = expected.get("zones").get(0);
        WebElement zoneRow = results.findElement(By.cssSelector(".zone-counts tr[data-name='middle']"));
        for (String field : List.of("entries", "exits", "max_occupancy")) {
            assertThat(zoneRow.findElement(By.cssSelector("td." + field.replace('_', '-'))).getText())
                    .as(field).isEqualTo(zone.get(field).asText());
        }
        for (String field : List.of("mean_dwell_s", "max_dwell_s")) {
            String shown = zoneRow.findElement(By.cssSelector("td." + field.replace('_', '-'))).getText();
            assertThat(shown).as(field + " to the hundredth").matches("\\d+\\.\\d\\d");
            assertThat(Double.parseDouble(shown)).as(field).isCloseTo(zone.get(field).asDouble(),
                    Offset.offset(HUNDREDTH_ROUNDING));
        }
        assertThat(zone.get("entries").asLong()).as("the crossing track walks through the zone").isPositive();

        browser.manage().window().setSize(new Dimension(PHONE_WIDTH, PHONE_HEIGHT));
        try {
            js("arguments[0].scrollIntoView({block: 'start'});", summary);
            assertThat(((Number) js("return document.documentElement.scrollWidth;")).intValue())
                    .as("no sideways scrolling at phone width")
                    .isLessThanOrEqualTo(((Number) js("return window.innerWidth;")).intValue());
            screenshot("4-3-phone-width");
        } finally {
            browser.manage().window().setSize(new Dimension(DESKTOP_WIDTH, DESKTOP_HEIGHT));
        }
    }

    @Test
    @Order(5)
    void aCameraStartedOnThePageGoesLiveShowsItsCountersAndRecordingAndStops() throws Exception {
        Process publisher = publishCamera();
        try {
            browser.get(pageUrl);
            waitFor(PAGE_TIMEOUT, ExpectedConditions.textToBe(By.id("connection"), "Live"));
            WebElement url = browser.findElement(By.id("camera-url"));

            url.sendKeys("ftp://camera.example/stream");
            browser.findElement(By.id("camera-start")).click();
            WebElement refused = waitFor(PAGE_TIMEOUT, d -> {
                WebElement shown = d.findElement(By.id("camera-error"));
                return shown.getText().isEmpty() ? null : shown;
            });
            assertThat(refused.getText()).isEqualTo("The camera was not started: url must start with rtsp://, "
                    + "rtsps://, http:// or https://");
            assertThat(url.getDomProperty("value")).as("kept, to be corrected")
                    .isEqualTo("ftp://camera.example/stream");
            screenshot("5-1-camera-refused");

            url.clear();
            String masked = "rtsp://***@127.0.0.1:" + cameraRelay.port() + CAMERA_PATH;
            url.sendKeys("rtsp://viewer:" + CAMERA_SECRET + "@127.0.0.1:" + cameraRelay.port() + CAMERA_PATH);
            browser.findElement(By.id("camera-name")).sendKeys("gate-2");
            browser.findElement(By.cssSelector("#upload-options summary")).click();
            browser.findElement(By.id("options-classes")).sendKeys("person");
            browser.findElement(By.id("camera-start")).click();
            waitFor(PAGE_TIMEOUT, ExpectedConditions.textToBe(By.id("camera-status"),
                    "Camera gate-2 at " + masked + " started: connecting…"));
            assertThat(browser.findElement(By.id("camera-error")).getText()).isEmpty();
            assertThat(url.getDomProperty("value")).as("the URL with its password is not kept").isEmpty();

            WebElement task = waitFor(PAGE_TIMEOUT, d -> taskNamed("gate-2"));
            String taskId = task.getDomAttribute("data-task-id");
            assertThat(JSON.readTree(fleet.client().get("/tasks/" + taskId).body()).get("options"))
                    .as("the options chosen on the page").isEqualTo(JSON.readTree("{\"classes\":[\"person\"]}"));
            waitFor(CAMERA_TIMEOUT, d -> "live".equals(task.getDomAttribute("data-status")));
            WebElement status = task.findElement(By.cssSelector(".status"));
            assertThat(status.getText()).isEqualTo("live");
            assertThat(status.getDomAttribute("class")).contains("status-live");
            assertThat(task.findElement(By.cssSelector(".camera-source")).getText()).isEqualTo("gate-2: " + masked);
            waitFor(CAMERA_TIMEOUT, d -> fps(task, ".input-fps") > 0 && fps(task, ".output-fps") > 0);
            assertThat(task.findElement(By.cssSelector(".reconnects")).getText()).isEqualTo("0");
            assertThat(task.findElement(By.cssSelector(".frames-dropped")).getText()).matches("\\d+");
            assertThat(task.findElement(By.cssSelector(".last-frame")).getText()).matches("\\d+\\.\\d s ago");
            assertThat(task.findElement(By.cssSelector("input.stream-url")).getDomProperty("value"))
                    .isEqualTo("rtsp://localhost:" + fleet.rtspPort() + "/" + taskId);
            assertThat(task.findElement(By.cssSelector(".progress-row")).isDisplayed())
                    .as("a camera has no progress towards an end").isFalse();

            // Segments are listed while the camera runs, each file served as listed.
            WebElement segment = waitFor(TASK_TIMEOUT, d -> task.findElements(By.cssSelector(".segment-list li"))
                    .stream().findFirst().orElse(null));
            assertThat(task.getDomAttribute("data-status")).isEqualTo("live");
            JsonNode listed = JSON.readTree(get(pageUrl + "result/" + taskId + "/segments").body()).get("segments")
                    .get(0);
            assertThat(segment.getDomAttribute("data-name")).isEqualTo(listed.get("name").asText());
            HttpResponse<byte[]> video = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    segment.findElement(By.cssSelector("a.segment-video")).getDomProperty("href"))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(video.statusCode()).isEqualTo(200);
            assertThat(video.headers().firstValue("Content-Type")).hasValue("video/mp4");
            assertThat((long) video.body().length).isEqualTo(listed.get("bytes").asLong());
            String lines = get(segment.findElement(By.cssSelector("a.segment-annotations")).getDomProperty("href"))
                    .body();
            assertThat(lines.split("\n")).hasSize(listed.get("frames").asInt());

            assertThat((String) js("return document.documentElement.outerHTML;")).as("the page")
                    .contains(masked).doesNotContain(CAMERA_SECRET);
            assertEveryControlIsLabelled();
            js("arguments[0].scrollIntoView({block: 'start'});", task);
            screenshot("5-2-camera-live");

            WebElement stop = task.findElement(By.cssSelector("button.delete"));
            assertThat(stop.getText()).isEqualTo("Stop");
            stop.sendKeys(Keys.ENTER);
            waitFor(PAGE_TIMEOUT, ExpectedConditions.alertIsPresent()).accept();
            waitFor(PAGE_TIMEOUT, d -> "stopped".equals(task.getDomAttribute("data-status")));
            assertThat(JSON.readTree(fleet.client().get("/tasks/" + taskId).body()).get("status").asText())
                    .isEqualTo("stopped");
            assertThat(task.findElement(By.cssSelector(".status")).getText()).isEqualTo("stopped");
            assertThat(task.findElement(By.cssSelector("button.delete")).getText()).isEqualTo("Delete");
            assertThat(task.findElement(By.cssSelector(".live")).isDisplayed()).isFalse();
            assertThat(task.findElement(By.cssSelector(".input-fps")).isDisplayed())
                    .as("a stopped camera has no rates").isFalse();
            waitFor(PAGE_TIMEOUT, d -> task.findElement(By.cssSelector(".reconnects")).isDisplayed());
            assertThat(task.findElement(By.cssSelector(".reconnects")).getText()).as("its totals stay").isEqualTo("0");
            // Its slot frees once the pipeline has drained it and the recording is closed.
            waitFor(TASK_TIMEOUT, d -> JSON.readTree(fleet.client().get("/tasks/" + taskId).body()).has("ended_at"));
            screenshot("5-3-camera-stopped");
        } finally {
            stopCamera(publisher);
        }
    }

    @Test
    @Order(6)
    void aCameraWithALineAndAZoneShowsItsCountsSoFarAndItsEventsAsTheyHappen() throws Exception {
        Process publisher = publishCamera();
        try {
            browser.get(pageUrl);
            waitFor(PAGE_TIMEOUT, ExpectedConditions.textToBe(By.id("connection"), "Live"));
            // The zone is the whole frame, so every person tracked enters it.
            HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(pageUrl + "streams")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"url\": \"rtsp://127.0.0.1:" + cameraRelay.port()
                            + CAMERA_PATH + "\", \"name\": \"counted\", \"options\": {\"classes\": [\"person\"], "
                            + "\"pose\": false, \"lines\": [{\"name\": \"middle\", \"from\": [0, 360], "
                            + "\"to\": [1280, 360]}], \"zones\": [{\"name\": \"street\", \"polygon\": [[0, 0], "
                            + "[1280, 0], [1280, 720], [0, 720]]}]}}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String taskId = JSON.readTree(created.body()).get("task_id").asText();
            WebElement task = waitFor(PAGE_TIMEOUT, d -> taskNamed("counted"));
            assertThat(task.getDomAttribute("data-task-id")).isEqualTo(taskId);

            WebElement counts = task.findElement(By.cssSelector(".live-counts"));
            waitFor(TASK_TIMEOUT, d -> "live".equals(counts.getDomAttribute("data-kind"))
                    && number(task, ".live-zone-counts tr[data-name='street'] td.entries") > 0);
            waitFor(TASK_TIMEOUT, d -> !task.findElements(By.cssSelector(
                    ".event-log li[data-type='zone_entered'][data-name='street']")).isEmpty());
            assertThat(task.findElement(By.cssSelector(".live-counts h4")).getText()).isEqualTo("Counts so far");
            assertThat(task.findElement(By.cssSelector(".live-line-counts tr[data-name='middle'] td.in")).getText())
                    .matches("\\d+");
            assertThat(task.findElement(By.cssSelector(".live-zone-counts tr[data-name='street'] td.inside-now"))
                    .getText()).as("the occupancy of the last event").matches("\\d+");
            long shownEntries = number(task, ".live-zone-counts tr[data-name='street'] td.entries");
            HttpResponse<String> now = get(pageUrl + "result/" + taskId + "/analytics");
            assertThat(now.headers().firstValue("X-Stride-Analytics")).hasValue("live");
            assertThat(JSON.readTree(now.body()).get("zones").get(0).get("entries").asLong())
                    .as("the counts so far only grow").isGreaterThanOrEqualTo(shownEntries);
            assertThat(task.findElements(By.cssSelector(".event-log li"))).hasSizeLessThanOrEqualTo(10);
            assertThat(task.findElement(By.cssSelector(".event-log li")).getText())
                    .matches(".+ · (street: person #\\d+ (entered|left) \\(\\d+ inside\\)"
                            + "|middle: person #\\d+ crossed (in|out) \\(in \\d+, out \\d+\\))");
            assertEveryControlIsLabelled();

            browser.manage().window().setSize(new Dimension(DESKTOP_WIDTH, TALL_HEIGHT));
            try {
                js("arguments[0].scrollIntoView({block: 'start'});", task);
                screenshot("6-1-camera-live-counts");
                js("window.scrollTo(0, 0);");
                screenshot("6-2-page-with-a-camera");
            } finally {
                browser.manage().window().setSize(new Dimension(DESKTOP_WIDTH, DESKTOP_HEIGHT));
            }

            assertThat(fleet.client().delete("/tasks/" + taskId).statusCode()).isEqualTo(200);
            waitFor(PAGE_TIMEOUT, d -> "stopped".equals(task.getDomAttribute("data-status")));
            waitFor(TASK_TIMEOUT, d -> JSON.readTree(fleet.client().get("/tasks/" + taskId).body()).has("ended_at"));
            // Once it has ended, the counts the annotation service wrote at its end.
            waitFor(PAGE_TIMEOUT, d -> "final".equals(counts.getDomAttribute("data-kind")));
            assertThat(task.findElement(By.cssSelector(".live-counts h4")).getText()).isEqualTo("Counts");
            JsonNode last = JSON.readTree(get(pageUrl + "result/" + taskId + "/analytics").body());
            assertThat(task.findElement(By.cssSelector(".live-zone-counts tr[data-name='street'] td.entries"))
                    .getText()).isEqualTo(last.get("zones").get(0).get("entries").asText());
            assertThat(task.findElement(By.cssSelector(".live-line-counts tr[data-name='middle'] td.out"))
                    .getText()).isEqualTo(last.get("lines").get(0).get("out").asText());
        } finally {
            stopCamera(publisher);
        }
    }

    /** FFmpeg publishing people-walking, looped, in real time, to the relay, as a camera would. */
    private static Process publishCamera() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ffmpeg")), "needs the ffmpeg command");
        if (cameraRelay == null) {
            cameraRelay = new RtspServer(RtspServerSettings.loopbackEphemeral());
            cameraRelay.start();
        }
        Process process = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re",
                "-stream_loop", "-1", "-i", SharedData.video(SharedData.PEOPLE_WALKING).toString(), "-an", "-c",
                "copy", "-f", "rtsp", "-rtsp_transport", "tcp", "rtsp://127.0.0.1:" + cameraRelay.port() + CAMERA_PATH)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + PAGE_TIMEOUT.toNanos();
        while (!cameraRelay.isLive(CAMERA_PATH) && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(cameraRelay.isLive(CAMERA_PATH)).as("ffmpeg publishing to the relay").isTrue();
        return process;
    }

    private static void stopCamera(Process publisher) throws InterruptedException {
        publisher.destroyForcibly();
        publisher.waitFor(10, TimeUnit.SECONDS);
    }

    /** "25.0 fps" as 25.0. */
    private static double fps(WebElement task, String selector) {
        return Double.parseDouble(task.findElement(By.cssSelector(selector)).getText().replace(" fps", ""));
    }

    /** The number a cell shows; -1 while it shows none. */
    private static long number(WebElement task, String selector) {
        List<WebElement> cells = task.findElements(By.cssSelector(selector));
        String text = cells.isEmpty() ? "" : cells.get(0).getText();
        return text.matches("\\d+") ? Long.parseLong(text) : -1;
    }

    private static WebDriver startBrowser() {
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--no-zygote", "--disable-gpu",
                "--disable-background-networking",
                "--disable-dev-shm-usage", "--window-size=" + DESKTOP_WIDTH + "," + DESKTOP_HEIGHT);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        return new ChromeDriver(service, options);
    }

    /** A real click at fractions {x, y} of the element's width and height (Selenium's offsets are from its centre). */
    private static void clickAt(WebElement element, double[] fraction) {
        Number width = (Number) js("return arguments[0].getBoundingClientRect().width;", element);
        Number height = (Number) js("return arguments[0].getBoundingClientRect().height;", element);
        new Actions(browser).moveToElement(element, (int) Math.round((fraction[0] - 0.5) * width.doubleValue()),
                (int) Math.round((fraction[1] - 0.5) * height.doubleValue())).click().perform();
    }

    /**
     * Halfway between the first and last anchor heights of the track whose anchor (bottom centre) moved furthest
     * up or down, in source pixels.
     */
    private static double crossingHeight(String jsonLines) {
        Map<Integer, double[]> firstAndLast = new HashMap<>();
        for (String line : jsonLines.split("\n")) {
            for (JsonNode track : JSON.readTree(line).get("tracks")) {
                double anchorY = track.get("box").get(3).asDouble();
                firstAndLast.merge(track.get("track_id").asInt(), new double[] {anchorY, anchorY},
                        (seen, now) -> new double[] {seen[0], now[1]});
            }
        }
        double[] furthest = firstAndLast.values().stream()
                .max(Comparator.comparingDouble(ys -> Math.abs(ys[1] - ys[0]))).orElseThrow();
        assertThat(Math.abs(furthest[1] - furthest[0])).as("a track moves up or down the street")
                .isGreaterThan(MIN_TRACK_TRAVEL);
        return (furthest[0] + furthest[1]) / 2;
    }

    /** The first {@code frames} frames of {@code clip}, re-encoded: a short task with the clip's real people. */
    private static Path firstFrames(Path clip, int frames, Path out) throws Exception {
        try (var grabber = new FFmpegFrameGrabber(clip.toFile())) {
            grabber.start();
            try (var recorder = new FFmpegFrameRecorder(out.toFile(), grabber.getImageWidth(),
                    grabber.getImageHeight(), 0)) {
                recorder.setFormat("mp4");
                recorder.setVideoCodecName("libx264");
                recorder.setFrameRate(grabber.getFrameRate());
                recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                recorder.start();
                Frame frame;
                for (int i = 0; i < frames && (frame = grabber.grabImage()) != null; i++) {
                    recorder.record(frame);
                }
                recorder.stop();
            }
        }
        return out;
    }

    /** The source-pixel points of a drawn line or zone, as the page lists it. */
    private static List<long[]> drawnPoints(WebElement task, String name) {
        String points = task.findElement(By.cssSelector(".shape-list li[data-name='" + name + "']"))
                .getDomAttribute("data-points");
        List<long[]> out = new ArrayList<>();
        JSON.readTree(points).forEach(p -> out.add(new long[] {p.get(0).asLong(), p.get(1).asLong()}));
        return out;
    }

    /** Points at the clicked fractions of the frame, give or take what one CSS pixel is in source pixels. */
    private static void assertNear(List<long[]> points, double[][] fractions, double sourcePerCssPixel) {
        assertThat(points).hasSize(fractions.length);
        for (int i = 0; i < fractions.length; i++) {
            assertThat((double) points.get(i)[0]).isCloseTo(fractions[i][0] * PEOPLE_WALKING_WIDTH,
                    Offset.offset(sourcePerCssPixel + 1));
            assertThat((double) points.get(i)[1]).isCloseTo(fractions[i][1] * PEOPLE_WALKING_HEIGHT,
                    Offset.offset(sourcePerCssPixel + 1));
        }
    }

    private static String json(long[] point) {
        return "[" + point[0] + "," + point[1] + "]";
    }

    private static WebElement taskNamed(String fileName) {
        List<WebElement> tasks = browser.findElements(By.cssSelector("#task-list > li.task"));
        return tasks.stream()
                .filter(t -> t.findElement(By.cssSelector(".task-name")).getText().equals(fileName))
                .findFirst().orElse(null);
    }

    /** Every input, button and progress bar has a name a screen reader can announce. */
    private static void assertEveryControlIsLabelled() {
        Object unlabelled = js("""
                return [...document.querySelectorAll('input, button, progress, select, textarea')]
                    .filter(e => e.offsetParent !== null)
                    .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
                        && !e.getAttribute('aria-labelledby') && !e.textContent.trim())
                    .map(e => e.outerHTML);""");
        assertThat((List<?>) unlabelled).as("controls without a label").isEmpty();
    }

    private static <T> T waitFor(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, timeout, Duration.ofMillis(250)).until(condition::apply);
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private static void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
