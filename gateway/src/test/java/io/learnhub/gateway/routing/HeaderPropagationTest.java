package io.learnhub.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.gateway.support.InjectRecordingUpstream;
import io.learnhub.gateway.support.ReceivedRequest;
import io.learnhub.gateway.support.RecordingUpstream;
import io.learnhub.gateway.support.RecordingUpstreamResource;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.TraceResponseHeader;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** Which request headers the gateway forwards to an upstream and which it must not. */
@QuarkusTest
@WithTestResource(RecordingUpstreamResource.class)
class HeaderPropagationTest {

    private static final String GATEWAY = "gateway";

    private static final String STUDENT_BEARER = "Bearer " + DevTokens.student("2001");

    @InjectRecordingUpstream
    RecordingUpstream upstream;

    @Inject
    InMemorySpanExporter spans;

    private static String newCorrelationId() {
        return "test-" + UUID.randomUUID();
    }

    @Test
    void authorizationIsForwarded() {
        String correlationId = newCorrelationId();
        String authorization = STUDENT_BEARER;

        given().header("Authorization", authorization).header(CorrelationId.HEADER, correlationId)
                .get("/api/chat/rooms")
                .then().statusCode(200);

        assertThat(upstream.awaitRequest(correlationId).headers().get("Authorization")).isEqualTo(authorization);
    }

    @Test
    void correlationIdTravelsAsHeaderAndAsBaggage() {
        String correlationId = newCorrelationId();

        given().header("Authorization", STUDENT_BEARER).header(CorrelationId.HEADER, correlationId)
                .get("/api/chat/rooms")
                .then().statusCode(200);

        ReceivedRequest received = upstream.awaitRequest(correlationId);
        assertThat(received.headers().get(CorrelationId.HEADER)).isEqualTo(correlationId);
        assertThat(received.headers().get("baggage")).contains(CorrelationId.BAGGAGE_KEY + "=" + correlationId);
    }

    @Test
    void baggageSentByTheClientIsNotForwarded() {
        String correlationId = newCorrelationId();

        given().header("Authorization", STUDENT_BEARER).header(CorrelationId.HEADER, correlationId)
                .header("baggage", "tenant=evil,correlation_id=spoofed")
                .get("/api/chat/rooms")
                .then().statusCode(200);

        assertThat(upstream.awaitRequest(correlationId).headers().get("baggage"))
                .isEqualTo(CorrelationId.BAGGAGE_KEY + "=" + correlationId);
    }

    @Test
    void baggageCannotSetTheCorrelationIdAtTheEdge() {
        Response response = given().header("Authorization", STUDENT_BEARER)
                .header("baggage", "correlation_id=spoofed-id")
                .get("/api/chat/rooms");

        assertThat(response.header(CorrelationId.HEADER)).isNotEqualTo("spoofed-id")
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void traceparentNamesTheGatewaysClientSpan() {
        String correlationId = newCorrelationId();

        Response response = given().header("Authorization", STUDENT_BEARER).header(CorrelationId.HEADER, correlationId)
                .get("/api/chat/rooms");

        String traceId = TraceResponseHeader.parse(response.header("traceresponse")).traceId();
        SpanData clientSpan = ExportedSpans.awaitTrace(spans, traceId, SpanKind.CLIENT).ofKind(GATEWAY, SpanKind.CLIENT).get(0);
        assertThat(upstream.awaitRequest(correlationId).headers().get("traceparent"))
                .isEqualTo("00-" + traceId + "-" + clientSpan.getSpanId() + "-01");
    }

    @Test
    void inboundTraceContextIsContinuedNotCopied() {
        String correlationId = newCorrelationId();
        String callerTraceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        Response response = given().header("Authorization", STUDENT_BEARER).header(CorrelationId.HEADER, correlationId)
                .header("traceparent", "00-" + callerTraceId + "-00f067aa0ba902b7-01")
                .get("/api/chat/rooms");

        assertThat(TraceResponseHeader.parse(response.header("traceresponse")).traceId()).isEqualTo(callerTraceId);
        ReceivedRequest received = upstream.awaitRequest(correlationId);
        assertThat(received.headers().getAll("traceparent")).singleElement(STRING)
                .startsWith("00-" + callerTraceId + "-")
                .doesNotContain("00f067aa0ba902b7");
    }

    @Test
    void endToEndHeadersAreForwarded() {
        String correlationId = newCorrelationId();

        given().header("Authorization", STUDENT_BEARER).header(CorrelationId.HEADER, correlationId)
                .header("Accept", "application/json")
                .header("Accept-Language", "ru-RU")
                .header("X-Client-Version", "web-1.4.2")
                .get("/api/reports/stats")
                .then().statusCode(200);

        ReceivedRequest received = upstream.awaitRequest(correlationId);
        assertThat(received.headers().get("Accept")).isEqualTo("application/json");
        assertThat(received.headers().get("Accept-Language")).isEqualTo("ru-RU");
        assertThat(received.headers().get("X-Client-Version")).isEqualTo("web-1.4.2");
    }

    @Test
    void inboundUserHeadersAreNotForwarded() {
        String correlationId = newCorrelationId();

        given().header("Authorization", STUDENT_BEARER).header(CorrelationId.HEADER, correlationId)
                .header("X-User-Id", "1")
                .header("X-User-Roles", "admin")
                .get("/api/payments/invoices/c0ffee00-0000-4000-8000-000000000003")
                .then().statusCode(200);

        ReceivedRequest received = upstream.awaitRequest(correlationId);
        assertThat(received.headers().names()).noneMatch(name -> name.toLowerCase().startsWith("x-user-"));
    }

    @Test
    void hopByHopHeadersAreNotForwarded() {
        String correlationId = newCorrelationId();

        given().header("Authorization", STUDENT_BEARER).header(CorrelationId.HEADER, correlationId)
                .header("Connection", "keep-alive, X-Hop-Secret")
                .header("X-Hop-Secret", "only-for-the-next-hop")
                .header("Keep-Alive", "timeout=5")
                .header("Proxy-Authorization", "Basic cHJveHk6c2VjcmV0")
                .header("TE", "trailers")
                .get("/api/chat/rooms")
                .then().statusCode(200);

        ReceivedRequest received = upstream.awaitRequest(correlationId);
        assertThat(received.headers().contains("X-Hop-Secret")).isFalse();
        assertThat(received.headers().contains("Keep-Alive")).isFalse();
        assertThat(received.headers().contains("Proxy-Authorization")).isFalse();
        assertThat(received.headers().contains("TE")).isFalse();
        assertThat(received.headers().getAll("Connection")).noneMatch(value -> value.toLowerCase().contains("x-hop-secret"));
    }

    @Test
    void forgedClientAddressIsReplacedByTheAddressTheGatewaySaw() {
        String correlationId = newCorrelationId();
        String forged = "203.0.113.7";

        given().header("Authorization", STUDENT_BEARER).header(CorrelationId.HEADER, correlationId)
                .header("X-Forwarded-For", forged)
                .header("Forwarded", "for=" + forged)
                .header("X-Real-IP", forged)
                .get("/api/payments/invoices/c0ffee00-0000-4000-8000-000000000003")
                .then().statusCode(200);

        ReceivedRequest received = upstream.awaitRequest(correlationId);
        // the test client connects over loopback: the only address the gateway can have seen
        assertThat(received.headers().getAll("X-Forwarded-For")).singleElement(STRING)
                .isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(received.headers().contains("Forwarded")).isFalse();
        assertThat(received.headers().contains("X-Real-IP")).isFalse();
    }
}
