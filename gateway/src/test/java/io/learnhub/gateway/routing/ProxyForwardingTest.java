package io.learnhub.gateway.routing;

import static io.learnhub.gateway.support.RecordingUpstreamResource.CHAT_HOST;
import static io.learnhub.gateway.support.RecordingUpstreamResource.PAYMENTS_HOST;
import static io.learnhub.gateway.support.RecordingUpstreamResource.REPORTS_HOST;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.gateway.support.InjectRecordingUpstream;
import io.learnhub.gateway.support.ReceivedRequest;
import io.learnhub.gateway.support.RecordingUpstream;
import io.learnhub.gateway.support.RecordingUpstreamResource;
import io.learnhub.testing.DevTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The request reaches the right upstream unchanged, and its answer comes back unchanged. */
@QuarkusTest
@WithTestResource(RecordingUpstreamResource.class)
class ProxyForwardingTest {

    private static final String STUDENT_BEARER = "Bearer " + DevTokens.student("2001");

    /** Tabs, blank lines, trailing CRLF and non-ASCII text: any re-serialisation would change it. */
    private static final byte[] UNUSUAL_JSON = "{ \"roomId\" :\t\"c0ffee00-0000-4000-8000-000000000002\" ,\n\n   \"body\":\"héllo   wörld\"   }\r\n  "
            .getBytes(StandardCharsets.UTF_8);

    @InjectRecordingUpstream
    RecordingUpstream upstream;

    private static String newCorrelationId() {
        return "test-" + UUID.randomUUID();
    }

    @ParameterizedTest
    @CsvSource({
            "/api/chat/rooms, " + CHAT_HOST,
            "/api/payments/courses/c0ffee00-0000-4000-8000-000000000001/materials, " + PAYMENTS_HOST,
            "/api/reports/stats, " + REPORTS_HOST })
    void eachPrefixIsRoutedToItsUpstream(String path, String upstreamHost) {
        String correlationId = newCorrelationId();

        given().header("Authorization", STUDENT_BEARER).header(CorrelationId.HEADER, correlationId)
                .get(path)
                .then().statusCode(200);

        ReceivedRequest received = upstream.awaitRequest(correlationId);
        assertThat(received.headers().get("Host")).isEqualTo(upstreamHost + ":" + upstream.port());
        assertThat(received.method()).isEqualTo("GET");
        assertThat(received.path()).isEqualTo(path);
    }

    @Test
    void requestBodyBytesReachTheUpstreamUnchanged() {
        String correlationId = newCorrelationId();

        given().header("Authorization", STUDENT_BEARER).header(CorrelationId.HEADER, correlationId)
                .contentType("application/json; charset=UTF-8")
                .body(UNUSUAL_JSON)
                .post("/api/chat/messages")
                .then().statusCode(200);

        ReceivedRequest received = upstream.awaitRequest(correlationId);
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.body()).isEqualTo(UNUSUAL_JSON);
        assertThat(received.headers().get("Content-Type")).isEqualTo("application/json; charset=UTF-8");
    }

    @Test
    void upstreamStatusBodyAndContentTypeAreRelayed() {
        Response response = given().header("Authorization", STUDENT_BEARER)
                .header(RecordingUpstream.STATUS_HEADER, "409")
                .header(RecordingUpstream.CONTENT_TYPE_HEADER, "application/problem+json")
                .contentType("application/json; charset=UTF-8")
                .body(UNUSUAL_JSON)
                .put("/api/payments/invoices/c0ffee00-0000-4000-8000-000000000003");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.asByteArray()).isEqualTo(UNUSUAL_JSON);
    }

    @Test
    void queryStringIsForwardedAsReceived() {
        String correlationId = newCorrelationId();
        String rawQuery = "courseId=c0ffee00-0000-4000-8000-000000000001&name=a%20b+c&empty=&flag&slash=%2F%3F";

        given().urlEncodingEnabled(false)
                .header("Authorization", STUDENT_BEARER).header(CorrelationId.HEADER, correlationId)
                .get("/api/chat/rooms?" + rawQuery)
                .then().statusCode(200);

        ReceivedRequest received = upstream.awaitRequest(correlationId);
        assertThat(received.path()).isEqualTo("/api/chat/rooms");
        assertThat(received.query()).isEqualTo(rawQuery);
    }

    @Test
    void deleteIsForwardedWithItsMethod() {
        String correlationId = newCorrelationId();

        given().header("Authorization", STUDENT_BEARER).header(CorrelationId.HEADER, correlationId)
                .delete("/api/chat/rooms/c0ffee00-0000-4000-8000-000000000002")
                .then().statusCode(200);

        assertThat(upstream.awaitRequest(correlationId).method()).isEqualTo("DELETE");
    }

    @ParameterizedTest
    @CsvSource({ "/api/unknown/things", "/api/chatter/rooms", "/api", "/api/" })
    void unknownApiPrefixAnswers404WithErrorBody(String path) {
        String correlationId = newCorrelationId();

        Response response = given().header("Authorization", STUDENT_BEARER).header(CorrelationId.HEADER, correlationId)
                .get(path);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.jsonPath().getString("error")).isEqualTo("not_found");
        assertThat(response.jsonPath().getString("correlationId")).isEqualTo(correlationId);
        assertThat(response.jsonPath().getString("traceId")).isNotBlank();
        assertThat(upstream.hasReceived(correlationId)).isFalse();
    }
}
