package io.learnhub.payment.testsupport;

import static io.restassured.RestAssured.given;

import io.learnhub.testing.DevTokens;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.TraceParent;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;

/** Requests sent under a trace of their own, so that a test can read back the spans they made. */
public final class TracedRequests {

    private TracedRequests() {
    }

    /** GETs {@code path} (200) as the student in a new trace and returns its span {@code spanName} once exported. */
    public static SpanData getAsStudent(InMemorySpanExporter exporter, String path, String student, String spanName) {
        TraceParent parent = TraceParent.random();
        given().auth().oauth2(DevTokens.student(student)).header("traceparent", parent.header())
                .when().get(path)
                .then().statusCode(200);
        return ExportedSpans.awaitTrace(exporter, parent.traceId(), spanName).named(spanName);
    }
}
