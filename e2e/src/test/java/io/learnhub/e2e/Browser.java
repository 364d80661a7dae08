package io.learnhub.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.learnhub.testing.RepositoryRoot;

/**
 * One person's browser: a headless Chromium (Debian's {@value #CHROMIUM} and its {@value
 * #CHROMEDRIVER}, never a browser or driver Selenium would download) with a profile of its own,
 * pointed at the web frontend the gateway serves. It signs in through the OpenID Connect issuer
 * as a person would, waits on the frontend's DOM contract ({@code main[data-screen][data-loaded]},
 * {@code data-testid}s), takes screenshots and collects what the page logged to the console.
 *
 * <p>Every wait polls; none sleeps. A wait that runs out fails with what the page showed, the
 * console so far and a screenshot ({@code failed-<browser>-<what>.png}).
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Path SCREENSHOTS = RepositoryRoot.resolve("e2e/target/screenshots");
    private static final Path DRIVER_LOGS = RepositoryRoot.resolve("e2e/target/e2e-logs");

    /** A laptop's window. */
    static final Viewport DESKTOP = new Viewport(1280, 900, false);
    /** A phone in portrait, emulated as a mobile device (viewport, touch, user agent's mobile hint). */
    static final Viewport PHONE = new Viewport(390, 844, true);

    /** Long enough for a page, a sign-in round trip or a socket on two busy cores; a pass takes far less. */
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final Duration POLL = Duration.ofMillis(50);
    private static final Pattern TRACE_ID = Pattern.compile("^[0-9a-f]{32}$");

    record Viewport(int width, int height, boolean mobile) {
    }

    private final String name;
    private final String baseUrl;
    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;
    /** Console entries read so far: reading them from the driver empties its buffer. */
    private final List<LogEntry> console = new ArrayList<>();

    private Browser(String name, String baseUrl, Path profile, ChromeDriverService service, ChromeDriver driver) {
        this.name = name;
        this.baseUrl = baseUrl;
        this.profile = profile;
        this.service = service;
        this.driver = driver;
    }

    /** A desktop browser for the frontend at {@code baseUrl}, named for its screenshots and logs. */
    static Browser start(String name, String baseUrl) {
        return start(name, baseUrl, DESKTOP);
    }

    static Browser start(String name, String baseUrl, Viewport viewport) {
        for (String binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new IllegalStateException(binary + " is missing: the browser tests drive Debian's chromium and"
                        + " chromium-driver, which infra/local/ensure-infra installs");
            }
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("e2e-chromium-" + name + "-");
            Files.createDirectories(DRIVER_LOGS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                // no keyring daemon to ask on a build machine
                "--password-store=basic",
                "--user-data-dir=" + profile,
                "--window-size=" + viewport.width() + "," + viewport.height());
        if (viewport.mobile()) {
            options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                    Map.of("width", viewport.width(), "height", viewport.height(), "pixelRatio", 1.0, "mobile", true, "touch", true)));
        }
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
        // an executable named here keeps Selenium Manager from looking for (or downloading) one
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .withLogFile(DRIVER_LOGS.resolve("chromedriver-" + name + ".log").toFile())
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(TIMEOUT).scriptTimeout(TIMEOUT);
            return new Browser(name, baseUrl, profile, service, driver);
        } catch (RuntimeException e) {
            service.stop();
            deleteProfile(profile);
            throw e;
        }
    }

    String name() {
        return name;
    }

    WebDriver driver() {
        return driver;
    }

    /** Loads {@code route} of the frontend, e.g. {@code "#/rooms"}; only the hash changes if the app is loaded. */
    void open(String route) {
        driver.get(baseUrl + "/" + route);
    }

    /**
     * Signs in as the user in the role through the issuer's login page, from wherever the browser
     * is: loads the frontend, waits for the sign-in screen, follows its OIDC button, fills in the
     * issuer's form, and waits until the frontend is back and shows the user as signed in.
     */
    void signIn(String userId, String role) {
        open("");
        awaitScreen("sign-in");
        click("oidc-sign-in");
        WebElement userIdField = until("the issuer's login page", ExpectedConditions.visibilityOfElementLocated(By.id("user-id")));
        userIdField.clear();
        userIdField.sendKeys(userId);
        new Select(driver.findElement(By.id("role"))).selectByValue(role);
        driver.findElement(By.id("sign-in")).click();
        until("back at the frontend, signed in as " + userId, browser -> {
            String url = browser.getCurrentUrl();
            if (url == null || !url.startsWith(baseUrl) || url.contains("code=")) {
                return null;
            }
            List<WebElement> whoami = browser.findElements(testId("whoami"));
            return !whoami.isEmpty() && whoami.get(0).getText().contains(userId) ? whoami.get(0) : null;
        });
    }

    /** Opens the screen's route, {@code #/<screen>}, and waits until it has loaded its data. */
    WebElement show(String screen) {
        open("#/" + screen);
        return awaitScreen(screen);
    }

    /** Opens the room's route, {@code #/rooms/<roomId>}, and waits until it shows the room. */
    WebElement showRoom(String roomId) {
        open("#/rooms/" + roomId);
        return awaitRoom(roomId);
    }

    /** Waits until the screen is shown with its data: {@code main[data-screen=<screen>][data-loaded=true]}. */
    WebElement awaitScreen(String screen) {
        return until("screen " + screen + " loaded", ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("main[data-screen='" + screen + "'][data-loaded='true']")));
    }

    /** Waits until the room screen shows that room with its messages. */
    WebElement awaitRoom(String roomId) {
        awaitScreen("room");
        return awaitVisible(By.cssSelector("[data-testid='room'][data-room-id='" + roomId + "']"));
    }

    WebElement awaitVisible(String testId) {
        return awaitVisible(testId(testId));
    }

    WebElement awaitVisible(By locator) {
        return until(locator + " visible", ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /** Waits until the element's text, trimmed, is {@code text}. */
    void awaitText(String testId, String text) {
        until("[data-testid=" + testId + "] = " + text, browser -> {
            List<WebElement> elements = browser.findElements(testId(testId));
            return !elements.isEmpty() && elements.get(0).getText().trim().equals(text);
        });
    }

    void click(String testId) {
        until("[data-testid=" + testId + "] clickable", ExpectedConditions.elementToBeClickable(testId(testId))).click();
    }

    void type(String testId, String text) {
        WebElement field = awaitVisible(testId);
        field.clear();
        field.sendKeys(text);
    }

    /** The trace id of the last user action ({@code [data-testid=last-request]}), or null before the first. */
    String lastTraceId() {
        List<WebElement> strip = driver.findElements(testId("last-request"));
        return strip.isEmpty() ? null : strip.get(0).getDomAttribute("data-trace-id");
    }

    /** Waits until the last-request strip names a trace other than {@code before} (null: any), and returns it. */
    String awaitNewTraceId(String before) {
        return until("a new trace id in [data-testid=last-request] (was " + before + ")", browser -> {
            String traceId = lastTraceId();
            return traceId != null && TRACE_ID.matcher(traceId).matches() && !traceId.equals(before) ? traceId : null;
        });
    }

    /**
     * Waits until {@code condition} answers neither null nor false, polling every {@link #POLL}
     * for at most {@link #TIMEOUT}; elements replaced while it looks are looked for again.
     */
    <T> T until(String what, Function<? super WebDriver, T> condition) {
        return until(what, condition, TIMEOUT);
    }

    <T> T until(String what, Function<? super WebDriver, T> condition, Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, POLL);
        wait.ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class);
        try {
            return wait.until(condition);
        } catch (TimeoutException e) {
            throw new AssertionError(name + ": " + what + " not within " + timeout + "; " + describe(what), e);
        }
    }

    /**
     * Saves the top of the page as a person first sees it (the header, the error box, the
     * screen's heading), whatever a focused field scrolled to, as {@code e2e/target/screenshots/<name>.png}.
     */
    Path screenshot(String fileName) {
        Path file = SCREENSHOTS.resolve(fileName + ".png");
        try {
            driver.executeScript("window.scrollTo(0, 0);");
            Files.createDirectories(SCREENSHOTS);
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Everything the pages of this browser logged at level SEVERE so far: errors and failed requests. */
    List<LogEntry> consoleErrors() {
        return console().stream().filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    /** Everything the pages of this browser logged so far. */
    List<LogEntry> console() {
        console.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
        return List.copyOf(console);
    }

    @Override
    public void close() {
        Object chromiumPid = driver.getCapabilities().getCapability("goog:processID");
        try {
            driver.quit();
        } catch (WebDriverException driverGone) {
            // a driver that died leaves its Chromium running: end it, and only it, by its process id
            if (chromiumPid instanceof Number pid) {
                ProcessHandle.of(pid.longValue()).ifPresent(chromium -> {
                    chromium.descendants().forEach(ProcessHandle::destroy);
                    chromium.destroy();
                });
            }
            System.err.println("[e2e] browser " + name + ": the driver did not quit (" + String.valueOf(driverGone.getMessage()).lines().findFirst()
                    .orElse("") + "); Chromium " + chromiumPid + " ended by its process id");
        } finally {
            service.stop();
            deleteProfile(profile);
        }
    }

    static By testId(String testId) {
        return By.cssSelector("[data-testid='" + testId + "']");
    }

    /** A chat message of the room screen whose text includes {@code text} (no quote in it). */
    static By messageContaining(String text) {
        return By.xpath("//*[@data-testid='message'][contains(., '" + text + "')]");
    }

    /** What a failed wait reports: where the browser is, what it shows and logged, and a screenshot of it. */
    private String describe(String what) {
        StringBuilder text = new StringBuilder();
        try {
            text.append("at ").append(driver.getCurrentUrl());
            String body = driver.findElement(By.tagName("body")).getText();
            text.append("\npage text: ").append(body.length() > 2000 ? body.substring(0, 2000) + "…" : body);
            text.append("\nconsole: ").append(console());
            String fileName = ("failed-" + name + "-" + what).replaceAll("[^A-Za-z0-9-]+", "_");
            text.append("\nscreenshot: ").append(screenshot(fileName.substring(0, Math.min(fileName.length(), 100))));
        } catch (WebDriverException | UncheckedIOException e) {
            text.append("\n(cannot describe the page: ").append(e.getMessage()).append(')');
        }
        return text.toString();
    }

    /** Chromium may still be writing its profile while it exits: what cannot be deleted now stays in /tmp. */
    private static void deleteProfile(Path profile) {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }
}
