package io.learnhub.gateway.web;

import java.net.URI;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the web frontend reads at start ({@code GET /web/config}): how to sign in, where to link a
 * trace, where to send its spans. Runtime settings, so one build serves every environment.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FrontendSettings(String signIn, Oidc oidc, TraceUi traceUi, Telemetry telemetry) {

    /** The issuer and the frontend's client there; null unless {@code signIn} is {@code oidc} and an issuer is set. */
    public record Oidc(URI issuer, String clientId, String scope) {
    }

    /** The trace UI: {@code traceUrl} has {@code {traceId}} where the id goes; null when none is set. */
    public record TraceUi(String name, String traceUrl) {
    }

    /** Where the browser sends its spans (OTLP/HTTP JSON), and how long it batches them. */
    public record Telemetry(String tracesUrl, long exportDelayMillis) {
    }
}
