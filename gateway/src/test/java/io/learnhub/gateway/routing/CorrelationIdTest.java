package io.learnhub.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.gateway.testing.InjectRecordingUpstream;
import io.learnhub.gateway.testing.RecordingUpstream;
import io.learnhub.gateway.testing.RecordingUpstreamResource;
import io.learnhub.gateway.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The gateway accepts a well-formed X-Correlation-ID, replaces anything else, and echoes and forwards the result. */
@QuarkusTest
@WithTestResource(RecordingUpstreamResource.class)
class CorrelationIdTest {

    @InjectRecordingUpstream
    RecordingUpstream upstream;

    @Test
    void validInboundCorrelationIdIsEchoedAndForwarded() {
        String correlationId = "web:" + UUID.randomUUID() + ".retry-1";

        Response response = given().header("Authorization", Tokens.bearer()).header(CorrelationId.HEADER, correlationId)
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
        Response response = given().header("Authorization", Tokens.bearer()).get("/api/chat/rooms");

        String minted = response.header(CorrelationId.HEADER);
        assertThat(UUID.fromString(minted)).isNotNull();
        assertThat(upstream.awaitRequest(minted).headers().get("baggage")).contains(CorrelationId.BAGGAGE_KEY + "=" + minted);
    }

    private void assertInvalidCorrelationIdReplaced(String invalid) {
        Response response = given().header("Authorization", Tokens.bearer()).header(CorrelationId.HEADER, invalid)
                .get("/api/chat/rooms");

        assertThat(response.statusCode()).isEqualTo(200);
        String minted = response.header(CorrelationId.HEADER);
        assertThat(minted).isNotEqualTo(invalid);
        assertThat(UUID.fromString(minted)).isNotNull();
        assertThat(upstream.awaitRequest(minted).headers().getAll(CorrelationId.HEADER)).containsExactly(minted);
    }
}
