package io.learnhub.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.StatusData;

class SensitiveValuesTest {

    @Test
    void emailsTokensAndBearerHeadersAreFound() {
        assertThat(SensitiveValues.in("user-2001@test.learnhub.local")).containsExactly("an email address");
        assertThat(SensitiveValues.in("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIyMDAxIn0.c2lnbmF0dXJl")).containsExactly("a JWT");
        assertThat(SensitiveValues.in("Bearer abcdefghijkl")).contains("a bearer token");
    }

    @Test
    void idsCodesAndPathsAreNot() {
        for (String value : new String[] { "2001", "c0ffee00-0000-4000-8000-000000000001", "/api/payments/webhook",
                "not_found", "payments.invoice-paid.v1 publish", "http://127.0.0.1:8081/api/chat/rooms?courseId=1",
                "io.learnhub.common.event.InvalidEventException", "pay-e2e-1f2e", "e2e-42" }) {
            assertThat(SensitiveValues.in(value)).as(value).isEmpty();
        }
    }

    @Test
    void aSpanIsSearchedInItsAttributesAndItsEvents() {
        var span = TestSpanData.builder()
                .setSpanContext(SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                        TraceFlags.getSampled(), TraceState.getDefault()))
                .setName("send_message").setKind(SpanKind.INTERNAL)
                .setStatus(StatusData.unset()).setHasEnded(true).setStartEpochNanos(1).setEndEpochNanos(2)
                .setAttributes(Attributes.of(AttributeKey.stringKey("user.id"), "2001"))
                .setEvents(java.util.List.of(EventData.create(1, "exception",
                        Attributes.of(AttributeKey.stringKey("exception.message"), "no user jane@example.com"))))
                .setTotalRecordedEvents(1)
                .build();

        assertThat(SensitiveValues.in(span)).singleElement().asString()
                .contains("exception.message").contains("an email address");
    }

    @Test
    void aSpansStatusDescriptionIsSearchedToo() {
        var span = TestSpanData.builder()
                .setSpanContext(SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                        TraceFlags.getSampled(), TraceState.getDefault()))
                .setName("GET /api/chat/rooms").setKind(SpanKind.SERVER)
                .setStatus(StatusData.create(io.opentelemetry.api.trace.StatusCode.ERROR, "rejected Bearer abcdefghijklmnop"))
                .setHasEnded(true).setStartEpochNanos(1).setEndEpochNanos(2)
                .build();

        assertThat(SensitiveValues.in(span)).singleElement().asString().contains("a bearer token");
    }
}
