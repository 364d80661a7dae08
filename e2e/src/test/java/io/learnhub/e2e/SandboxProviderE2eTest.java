package io.learnhub.e2e;

import static io.learnhub.e2e.E2eStack.PAYMENT;
import static io.learnhub.e2e.GatewayApi.CORRELATION_HEADER;
import static io.learnhub.e2e.GatewayApi.DEMO_INVOICE_ID;
import static io.learnhub.e2e.GatewayApi.DEMO_STUDENT_ID;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.learnhub.testing.DevTokens;
import io.learnhub.testing.TraceTree;
import io.opentelemetry.api.trace.SpanKind;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The sandbox payment provider pays an invoice without a provider, for the local run and tests
 * only. The e2e services run in the prod profile, as a deployment does: there it does not exist.
 */
@DisplayName("The sandbox payment provider in the prod profile")
class SandboxProviderE2eTest {

    @RegisterExtension
    static final E2eStack STACK = new E2eStack();
    static final GatewayApi API = new GatewayApi(STACK);

    /** Asked by the demo invoice's own student, so nothing but the route's absence can refuse it. */
    @Test
    void sandboxPaymentRouteIsNotFoundAndTheInvoiceStaysPending() {
        String correlationId = "e2e-sandbox-" + UUID.randomUUID();
        Response response = API.asUser(DevTokens.student(DEMO_STUDENT_ID))
                .header(CORRELATION_HEADER, correlationId)
                .post("/api/payments/sandbox/pay/{invoiceId}", DEMO_INVOICE_ID);

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(404);
        JsonPath error = response.jsonPath();
        assertThat(error.getString("error")).isEqualTo("not_found");
        assertThat(error.getString("correlationId")).isEqualTo(correlationId);
        // payment-service itself answered the 404: the gateway routed the path and the route is absent behind it
        TraceTree trace = STACK.traces().awaitTrace(error.getString("traceId"),
                received -> !received.ofKind(PAYMENT, SpanKind.SERVER).isEmpty(), PaymentTraceE2eTest.TRACE_TIMEOUT);
        assertThat(trace.ofKind(PAYMENT, SpanKind.SERVER)).as(trace.describe()).singleElement()
                .satisfies(server -> assertThat(TraceTree.attributeText(server, "http.response.status_code")).isEqualTo("404"));

        assertThat(API.invoice(DevTokens.student(DEMO_STUDENT_ID), DEMO_INVOICE_ID).getString("status")).isEqualTo("PENDING");
    }
}
