package io.learnhub.gateway.tracing;

import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Names the route a request took, for the server span ({@code http.route}, and the span name
 * {@code GET /api/chat/{path}}) and for the {@code uri} tag of the HTTP server metrics.
 *
 * <p>Quarkus REST records the matched JAX-RS template, which for the catch-all proxy method is
 * {@code /api/{route: .*}}: one operation for every request in Jaeger's search. Both Quarkus'
 * OpenTelemetry tracer and its Micrometer binder read the template from the request's Vert.x
 * context local {@value #URL_PATH_TEMPLATE} when the response ends, so the proxy replaces it there
 * with the upstream's own template. The key is Quarkus-internal; if it ever changes, only the
 * names fall back to the JAX-RS template.
 */
public final class RouteTemplates {

    static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

    private RouteTemplates() {
    }

    /** Names the route of the request being handled on this Vert.x context, e.g. {@code /api/chat/{path}}. */
    public static void nameCurrentRoute(String template) {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            context.putLocal(URL_PATH_TEMPLATE, template);
        }
    }
}
