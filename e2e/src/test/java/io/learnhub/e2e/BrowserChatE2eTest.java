package io.learnhub.e2e;

import static io.learnhub.e2e.E2eStack.CHAT;
import static io.learnhub.e2e.E2eStack.GATEWAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;

import io.learnhub.testing.SensitiveValues;
import io.learnhub.testing.TraceTree;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * Two students chat in their browsers through the web frontend the gateway serves: a message
 * typed in one browser shows up in the other within two seconds, and the click in the first
 * browser, the frame through the gateway, chat-service's work and the rendering in the second
 * browser are one trace under one correlation id.
 */
class BrowserChatE2eTest {

    @RegisterExtension
    static final E2eStack STACK = new E2eStack();

    /** The frontend's spans, relayed by the gateway under this {@code service.name}. */
    static final String WEB = "web";
    /** Users of this class alone, so no other scenario's rooms, messages or sockets show up. */
    private static final String ALICE = "3101";
    private static final String BOB = "3102";
    /** What live chat promises a person: the other side sees the message this soon after the click. */
    private static final Duration DELIVERY = Duration.ofSeconds(2);
    /** The browsers export every second, the services within a fraction of one. */
    private static final Duration TRACE_TIMEOUT = Duration.ofSeconds(30);

    private static String roomId;
    private static Browser alice;
    private static Browser bob;

    @BeforeAll
    static void bothHaveTheirRoomOpen() {
        roomId = new GatewayApi(STACK).createGroupRoom(ALICE, List.of(BOB));
        // both assigned first, so that @AfterAll closes both whatever fails next
        alice = Browser.start("alice", STACK.gatewayUrl());
        bob = Browser.start("bob", STACK.gatewayUrl());
        openRoom(alice, ALICE);
        openRoom(bob, BOB);
    }

    /** Signs the user in and shows the room, its socket open. */
    private static void openRoom(Browser browser, String userId) {
        browser.signIn(userId, "student");
        browser.showRoom(roomId);
        browser.awaitText("socket-status", "connected");
    }

    @AfterAll
    static void closeBrowsers() {
        for (Browser browser : new Browser[] { alice, bob }) {
            if (browser != null) {
                browser.close();
            }
        }
    }

    @Test
    void aMessageSentInOneBrowserShowsInTheOtherInOneTrace() {
        String body = "hello from a browser " + UUID.randomUUID();
        String traceBefore = alice.lastTraceId();
        alice.type("message-input", body);

        alice.click("send");
        long clicked = System.nanoTime();

        WebElement received = bob.until("bob's browser shows the message", driver -> driver.findElements(Browser.messageContaining(body))
                .stream().findFirst().orElse(null), DELIVERY);
        System.out.printf("[e2e] alice's message shown in bob's browser %d ms after the click%n",
                Duration.ofNanos(System.nanoTime() - clicked).toMillis());
        String messageId = received.getDomAttribute("data-message-id");
        String traceId = alice.awaitNewTraceId(traceBefore);

        TraceTree trace = STACK.traces().awaitTraceSatisfying(traceId, tree -> {
            assertThat(tree.roots()).as("one root, the click: %s", tree.describe()).hasSize(1);
            SpanData click = tree.roots().get(0);
            assertThat(click.getName()).isEqualTo("click send");
            assertThat(TraceTree.serviceName(click)).isEqualTo(WEB);
            assertThat(TraceTree.attributeText(click, "user.id")).isEqualTo(ALICE);

            assertThat(tree.named(GATEWAY, "relay_frame")).as(tree.describe()).isNotEmpty();
            for (String name : List.of("receive_frame", "send_message", "deliver_message")) {
                assertThat(tree.named(CHAT, name)).as("%s in %s", name, tree.describe()).isNotEmpty();
            }
            SpanData stored = tree.named(CHAT, "send_message").get(0);
            assertThat(TraceTree.attributeText(stored, "message.id")).as("the message bob's browser shows").isEqualTo(messageId);

            SpanData rendered = tree.named(WEB, "receive_message").stream()
                    .filter(span -> BOB.equals(TraceTree.attributeText(span, "user.id")))
                    .findFirst().orElseThrow(() -> new AssertionError("no receive_message of bob's browser in " + tree.describe()));
            assertThat(TraceTree.attributeText(rendered, "message.id")).isEqualTo(messageId);
            assertThat(TraceTree.attributeText(rendered, "room.id")).isEqualTo(roomId);
            SpanData delivery = tree.parentOf(rendered)
                    .orElseThrow(() -> new AssertionError("the parent of bob's receive_message is not in " + tree.describe()));
            assertThat(TraceTree.describe(delivery)).startsWith(CHAT + "/deliver_message(");
            assertThat(TraceTree.attributeText(delivery, "user.id")).as("the delivery to bob").isEqualTo(BOB);

            assertThat(tree.orphans()).as(tree.describe()).isEmpty();
        }, TRACE_TIMEOUT);

        String correlationId = TraceTree.attributeText(trace.roots().get(0), "correlation_id");
        assertThat(correlationId).as("correlation_id of alice's click").isNotBlank();
        assertThat(trace.matching(span -> Set.of(GATEWAY, CHAT).contains(TraceTree.serviceName(span))))
                .allSatisfy(span -> assertThat(TraceTree.attributeText(span, "correlation_id"))
                        .as("correlation_id of %s", TraceTree.describe(span)).isEqualTo(correlationId));
        assertThat(trace.spans().stream().flatMap(span -> SensitiveValues.in(span).stream()).toList())
                .as("personal data in the spans").isEmpty();
        assertThat(trace.spans()).allSatisfy(span -> assertThat(span.getAttributes().asMap().values())
                .as("the message body in the attributes of %s", TraceTree.describe(span))
                .noneMatch(value -> String.valueOf(value).contains(body)));
        System.out.println("[e2e] browser chat trace " + traceId + ": " + trace.describe());

        assertThat(alice.consoleErrors()).as("alice's console").isEmpty();
        assertThat(bob.consoleErrors()).as("bob's console").isEmpty();
    }
}
