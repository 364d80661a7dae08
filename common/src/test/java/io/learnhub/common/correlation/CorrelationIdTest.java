package io.learnhub.common.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

class CorrelationIdTest {

    @Test
    void acceptsTheCharactersAndLengthTheContractAllows() {
        assertThat(CorrelationId.isAcceptable("e2e-1234")).isTrue();
        assertThat(CorrelationId.isAcceptable("A.b_c:d-9")).isTrue();
        assertThat(CorrelationId.isAcceptable("x".repeat(128))).isTrue();
    }

    @Test
    void rejectsEmptyOverlongAndUnsafeValues() {
        assertThat(CorrelationId.isAcceptable(null)).isFalse();
        assertThat(CorrelationId.isAcceptable("")).isFalse();
        assertThat(CorrelationId.isAcceptable("x".repeat(129))).isFalse();
        assertThat(CorrelationId.isAcceptable("has space")).isFalse();
        assertThat(CorrelationId.isAcceptable("line\nbreak")).isFalse();
        assertThat(CorrelationId.isAcceptable("<script>")).isFalse();
    }

    @Test
    void firstAcceptableCandidateWins() {
        assertThat(CorrelationId.firstAcceptableOrMint("bad value", null, "good-1", "good-2")).isEqualTo("good-1");
    }

    @Test
    void mintsAUuidWhenNoCandidateIsAcceptable() {
        String minted = CorrelationId.firstAcceptableOrMint("bad value", null);
        assertThat(UUID.fromString(minted).toString()).isEqualTo(minted);
        assertThat(CorrelationId.isAcceptable(minted)).isTrue();
    }

    @Test
    void travelsInTheBaggageOfTheContext() {
        Context context = CorrelationId.withCorrelationId(Context.root(), "req-42");
        assertThat(CorrelationId.from(context)).contains("req-42");
        assertThat(CorrelationId.current()).isEmpty();
        try (Scope ignored = context.makeCurrent()) {
            assertThat(CorrelationId.current()).contains("req-42");
        }
    }
}
