package io.learnhub.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.gateway.support.InjectRecordingUpstream;
import io.learnhub.gateway.support.RecordingUpstream;
import io.learnhub.gateway.support.RecordingUpstreamResource;
import io.learnhub.testing.DevTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The gateway accepts a well-formed X-Correlation-ID, replaces anything else, and echoes and forwards the result. */
@QuarkusTest
@WithTestResource(RecordingUpstreamResource.class)
class CorrelationIdTest {

    private static final String STUDENT_BEARER = "Bearer " + DevTokens.student("2001");

    @InjectRecordingUpstream
    RecordingUpstream upstream;

    @Test
    void validInboundCorrelationIdIsEchoedAndForwarded() {
        String correlationId = "web:" + UUID.randomUUID() + ".retry-1";

        Response response = given().header("Authorization", STUDENT_BEARER).header(CorrelationId.HEADER, correlationId)
                .get("/api/chat/rooms");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header(CorrelationId.HEADER)).isEqualTo(correlationId);
        assertThat(upstream.awaitRequest(correlationId).headers().get(CorrelationId.HEADER)).isEqualTo(correlationId);
    }

    @ParameterizedTest
    @ValueSource(strings = { "has spaces in it", "semicolon;injected", "" })
    void invalidInboundCorrelationIdIsReplacedByAUuid(String invalid) {
        assertInvalidCorrelationIdReplaced(invalid);
    }

    @Test
    void overlongInboundCorrelationIdIsReplacedByAUuid() {
        assertInvalidCorrelationIdReplaced("a".repeat(200));
    }

    @Test
    void missingCorrelationIdIsMinted() {
        Response response = given().header("Authorization", STUDENT_BEARER).get("/api/chat/rooms");

        String minted = response.header(CorrelationId.HEADER);
        assertThat(UUID.fromString(minted)).isNotNull();
        assertThat(upstream.awaitRequest(minted).headers().get("baggage")).contains(CorrelationId.BAGGAGE_KEY + "=" + minted);
    }

    private void assertInvalidCorrelationIdReplaced(String invalid) {
        Response response = given().header("Authorization", STUDENT_BEARER).header(CorrelationId.HEADER, invalid)
                .get("/api/chat/rooms");

        assertThat(response.statusCode()).isEqualTo(200);
        String minted = response.header(CorrelationId.HEADER);
        assertThat(minted).isNotEqualTo(invalid);
        assertThat(UUID.fromString(minted)).isNotNull();
        assertThat(upstream.awaitRequest(minted).headers().getAll(CorrelationId.HEADER)).containsExactly(minted);
    }
}
