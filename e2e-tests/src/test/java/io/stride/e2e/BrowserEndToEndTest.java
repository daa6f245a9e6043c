package io.stride.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.stride.core.testing.SharedData;
import io.stride.rtmpose.testing.ExactAnswerPoseModel;
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
import java.util.List;
import java.util.function.Function;
import org.assertj.core.data.Offset;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in a real browser (Debian's headless chromium through chromedriver) against the whole fleet:
 * upload through the file input, watch the task climb to 100 % without reloading, play the result in the page,
 * download the annotations, see an unreadable file's error, watch a running task live and cancel it. Each step
 * leaves a screenshot in {@code target/screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserEndToEndTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("stride.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("stride.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration TASK_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);
    private static final double CLIP_SECONDS = 1.0;
    private static final double DURATION_TOLERANCE = 0.1;
    private static final int CLIP_FRAMES = 5;
    private static final long PEOPLE_WALKING_WIDTH = 1280;
    private static final int DESKTOP_WIDTH = 1280;
    private static final int DESKTOP_HEIGHT = 1000;
    /** Tall enough for the upload form and a finished task with its video in one screenshot. */
    private static final int TALL_HEIGHT = 1500;
    private static final int PHONE_WIDTH = 390;
    private static final int PHONE_HEIGHT = 844;

    @TempDir
    static Path dataDir;

    private static HttpServer previewRedirect;
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
                "--stride.web.preview-base-url=http://localhost:" + previewRedirect.getAddress().getPort());
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
        browser.findElement(By.id("file-input")).sendKeys(SharedData.video(SharedData.PEOPLE_WALKING).toString());
        WebElement task = waitFor(PAGE_TIMEOUT, d -> taskNamed(SharedData.PEOPLE_WALKING));
        String taskId = task.getDomAttribute("data-task-id");

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

    private static WebDriver startBrowser() {
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--window-size=" + DESKTOP_WIDTH + "," + DESKTOP_HEIGHT);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        return new ChromeDriver(service, options);
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
