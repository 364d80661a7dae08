package io.learnhub.e2e;

import static io.learnhub.e2e.E2eStack.GATEWAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;


/**
 * Every screen of the web frontend, as a student, the demo course's teacher and an admin see it
 * after signing in at the issuer: each one loads its data, is saved as a screenshot
 * ({@code e2e/target/screenshots/}) and logs no error to the console; and a failed request shows
 * its message and trace id.
 *
 * <p>Runs after every other class ({@code junit-platform.properties} orders classes by
 * {@link Order}): its admin runs the weekly reports, which emails every known teacher their week,
 * and {@link WeeklyReportE2eTest} expects teacher 1001's one weekly report to be its own run's.
 */
@Order(Integer.MAX_VALUE)
class WebScreensE2eTest {

    @RegisterExtension
    static final E2eStack STACK = new E2eStack();

    /** Users of this class alone; the teacher and the admin are the demo data's (docs/contracts.md). */
    private static final String STUDENT = "3201";
    private static final String CLASSMATE = "3202";
    private static final String TEACHER = GatewayApi.TEACHER_ID;
    private static final String ADMIN = "9001";
    private static final Duration TRACE_TIMEOUT = Duration.ofSeconds(30);

    private static String roomId;
    private static String greeting;

    @BeforeAll
    static void theStudentHasARoomWithAMessage() {
        GatewayApi api = new GatewayApi(STACK);
        roomId = api.createGroupRoom(STUDENT, List.of(CLASSMATE));
        greeting = "welcome " + UUID.randomUUID();
        api.postMessage(STUDENT, roomId, greeting);
    }

    @Test
    void aStudentsScreensLoadWithoutConsoleErrors() {
        try (Browser browser = Browser.start("student", STACK.gatewayUrl())) {
            browser.open("");
            browser.awaitScreen("sign-in");
            browser.awaitVisible("oidc-sign-in");
            saved(browser, "sign-in");

            browser.signIn(STUDENT, "student");
            browser.show("rooms");
            By roomLink = By.cssSelector("a[data-testid='room-link'][data-room-id='" + roomId + "']");
            browser.awaitVisible(roomLink);
            saved(browser, "rooms");

            browser.awaitVisible(roomLink).click();
            browser.awaitRoom(roomId);
            browser.awaitVisible(Browser.messageContaining(greeting));
            saved(browser, "room");

            browser.show("courses");
            browser.awaitVisible(By.cssSelector("[data-testid='course'][data-course-id]"));
            saved(browser, "courses");

            browser.show("materials");
            saved(browser, "materials");
        }
    }

    @Test
    void theRoomScreenFitsAPhone() {
        try (Browser browser = Browser.start("phone", STACK.gatewayUrl(), Browser.PHONE)) {
            browser.signIn(STUDENT, "student");
            browser.showRoom(roomId);
            browser.awaitVisible(Browser.messageContaining(greeting));
            browser.awaitVisible("message-input");
            saved(browser, "room-phone");

            Object overflow = ((JavascriptExecutor) browser.driver()).executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth;");
            assertThat(((Number) overflow).longValue()).as("pixels the room screen is wider than the phone").isLessThanOrEqualTo(0);
        }
    }

    @Test
    void theTeacherSeesTheirStatsAndReports() {
        try (Browser browser = Browser.start("teacher", STACK.gatewayUrl())) {
            browser.signIn(TEACHER, "teacher");
            browser.show("teacher");
            assertThat(browser.driver().findElements(Browser.testId("stats"))).as("the stats table").isNotEmpty();
            assertThat(browser.driver().findElements(Browser.testId("reports"))).as("the reports list").isNotEmpty();
            saved(browser, "teacher");
        }
    }

    @Test
    void anAdminRunsTheWeeklyReports() {
        try (Browser browser = Browser.start("admin", STACK.gatewayUrl())) {
            browser.signIn(ADMIN, "admin");
            browser.show("admin");
            saved(browser, "admin");

            browser.click("run-reports");
            browser.until("a run status", driver -> !driver.findElements(Browser.testId("run-status")).isEmpty()
                    && !driver.findElement(Browser.testId("run-status")).getText().isBlank());
            saved(browser, "admin-run");
        }
    }

    @Test
    void aFailedRequestShowsItsMessageAndTraceId() {
        try (Browser browser = Browser.start("lost", STACK.gatewayUrl())) {
            browser.signIn(STUDENT, "student");

            browser.open("#/rooms/" + UUID.randomUUID());

            browser.awaitVisible("error");
            String message = browser.awaitVisible("error-message").getText();
            String traceId = browser.awaitVisible("error-trace-id").getText().trim();
            browser.screenshot("error");
            assertThat(message).as("the error body's message").isNotBlank();
            assertThat(traceId).as("the error body's traceId").matches("[0-9a-f]{32}");
            // the trace id a person would quote is one the backend really recorded
            STACK.traces().awaitTraceWithServices(traceId, Set.of(GATEWAY), TRACE_TIMEOUT);
            // the console holds the failed request: no check of it here
        }
    }

    /** The screen as a screenshot, once it logged no error to the console. */
    private static void saved(Browser browser, String screen) {
        browser.screenshot(screen);
        assertThat(browser.consoleErrors()).as("console errors of %s up to the %s screen", browser.name(), screen).isEmpty();
    }
}
