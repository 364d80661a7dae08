package io.learnhub.gateway.web;

import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.learnhub.gateway.routing.GatewayRoute;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * {@code POST /web/v1/traces}: OTLP/HTTP with a JSON body, for the web frontend's spans, answered
 * as an OTLP receiver answers a full success ({@code {}}). Anonymous, as spans of the sign-in
 * page come before any token: what the spans say is the browser's claim, bounded by
 * {@link BrowserSpans}. Its own requests are not traced
 * (quarkus.otel.traces.suppress-application-uris).
 */
@Path(GatewayRoute.WEB_TRACES_PATH)
@PermitAll
public class BrowserSpansResource {

    private final BrowserSpans browserSpans;

    BrowserSpansResource(BrowserSpans browserSpans) {
        this.browserSpans = browserSpans;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The web frontend's spans (OTLP/HTTP JSON), relayed to the trace backend")
    public Uni<Map<String, Object>> relay(@Context HttpServerRequest request, byte[] spans) {
        SocketAddress client = request.remoteAddress();
        return browserSpans.relay(client == null ? "unknown" : client.hostAddress(), spans).replaceWith(Map.of());
    }
}
