package io.learnhub.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;

class DbQueryCountTest {

    private final SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(new DbQueryCount()).build();
    private final Tracer tracer = provider.get("test");

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void countsDatabaseClientSpansStartedUnderTheCountingContext() {
        Context counting = DbQueryCount.counting(Context.root().with(tracer.spanBuilder("listing").startSpan()));
        Context child = counting.with(tracer.spanBuilder("step").setParent(counting).startSpan());

        startClient(counting, AttributeKey.stringKey("db.system"), "postgresql");
        startClient(child, AttributeKey.stringKey("db.system.name"), "postgresql");

        assertThat(DbQueryCount.of(counting)).isEqualTo(2);
    }

    @Test
    void otherSpansAreNotQueries() {
        Context counting = DbQueryCount.counting(Context.root());

        startClient(counting, AttributeKey.stringKey("http.request.method"), "GET");
        tracer.spanBuilder("internal").setParent(counting).setAttribute("db.system", "postgresql").startSpan().end();

        assertThat(DbQueryCount.of(counting)).isZero();
    }

    @Test
    void queriesOutsideTheCountingContextAreNotCounted() {
        Context counting = DbQueryCount.counting(Context.root());

        startClient(Context.root(), AttributeKey.stringKey("db.system"), "postgresql");

        assertThat(DbQueryCount.of(counting)).isZero();
        assertThat(DbQueryCount.of(Context.root())).isZero();
    }

    @Test
    void aNestedCounterCountsItsOwnAndAddsToTheEnclosingOne() {
        Context job = DbQueryCount.counting(Context.root());
        Context step = DbQueryCount.counting(job);

        startClient(job, AttributeKey.stringKey("db.system"), "postgresql");
        startClient(step, AttributeKey.stringKey("db.system"), "postgresql");
        startClient(step, AttributeKey.stringKey("db.system"), "postgresql");

        assertThat(DbQueryCount.of(step)).isEqualTo(2);
        assertThat(DbQueryCount.of(job)).isEqualTo(3);
    }

    private void startClient(Context parent, AttributeKey<String> key, String value) {
        Span span = tracer.spanBuilder("client").setParent(parent).setSpanKind(SpanKind.CLIENT).setAttribute(key, value).startSpan();
        span.end();
    }
}
