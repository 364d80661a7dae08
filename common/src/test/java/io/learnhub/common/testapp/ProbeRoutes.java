package io.learnhub.common.testapp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * Plain Vert.x routes of the probe application, outside Quarkus REST (as the gateway's
 * {@code /ws/chat} is): one behind an HTTP permission, one that fails with a status.
 */
@ApplicationScoped
public class ProbeRoutes {

    void install(@Observes Router router) {
        router.get("/probe-route/secret").handler(routingContext -> routingContext.end("secret"));
        router.get("/probe-route/too-large").handler(routingContext -> routingContext.fail(413));
    }
}
