package io.learnhub.common.error;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.learnhub.common.http.RouteOrder;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * 414 and 431 with the error body. Vert.x' HTTP decoder refuses a request line or headers over
 * its limits itself, with an empty 414 or 431, before any route runs (Quarkus 3.33 offers no way
 * to set the server's {@code invalidRequestHandler}). So the decoder is given a higher ceiling,
 * {@value #DECODER_CEILING} bytes, and Quarkus' limits ({@code quarkus.http.limits.max-initial-line-length},
 * {@code quarkus.http.limits.max-header-size}) are enforced here, as the first route after the
 * correlation id. Only a request beyond the ceiling still gets the decoder's bare answer.
 *
 * <p>The price: a request between Quarkus' limits and the ceiling is buffered whole, and the
 * OpenTelemetry server instrumentation and the handlers before this one (the baggage drop, the
 * correlation id) read its headers before it is refused. They read only {@code traceparent},
 * {@code tracestate}, {@code baggage} and {@code X-Correlation-ID}, whose parsers keep bounded
 * values (a {@code tracestate} of at most 32 members, a correlation id of at most 128 characters).
 */
@ApplicationScoped
public class RequestSizeLimits implements HttpServerOptionsCustomizer {

    /** What the decoder buffers of a request line or of the headers before it gives up. */
    static final int DECODER_CEILING = 128 * 1024;
    private static final String HTTP_VERSION = "HTTP/1.1";

    private final int maxInitialLineLength;
    private final long maxHeaderSize;

    RequestSizeLimits(@ConfigProperty(name = "quarkus.http.limits.max-initial-line-length", defaultValue = "4096") int maxInitialLineLength,
            @ConfigProperty(name = "quarkus.http.limits.max-header-size", defaultValue = "20K") MemorySize maxHeaderSize) {
        this.maxInitialLineLength = maxInitialLineLength;
        this.maxHeaderSize = maxHeaderSize.asLongValue();
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setMaxInitialLineLength(Math.max(DECODER_CEILING, maxInitialLineLength));
        options.setMaxHeaderSize(Math.max(DECODER_CEILING, (int) Math.min(Integer.MAX_VALUE, maxHeaderSize)));
    }

    void install(@Observes Router router) {
        router.route().order(RouteOrder.REQUEST_SIZE_LIMITS).handler(this::handle);
    }

    void handle(RoutingContext routingContext) {
        HttpServerRequest request = routingContext.request();
        if (initialLineLength(request) > maxInitialLineLength) {
            refuse(routingContext, 414, ErrorResponses.codeOf(414),
                    "The request line (method, path and query) is longer than " + maxInitialLineLength + " bytes");
        } else if (headerSize(request) > maxHeaderSize) {
            refuse(routingContext, 431, ErrorResponses.codeOf(431),
                    "The request's headers are larger than " + maxHeaderSize + " bytes together");
        } else {
            routingContext.next();
        }
    }

    /** As the decoder counts it: {@code GET /path?query HTTP/1.1}. */
    private static int initialLineLength(HttpServerRequest request) {
        return request.method().name().length() + 1 + request.uri().length() + 1 + HTTP_VERSION.length();
    }

    /** As the decoder counts it: each {@code Name: value} line without its line break. */
    private static long headerSize(HttpServerRequest request) {
        long size = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            size += header.getKey().length() + 2 + header.getValue().length();
        }
        return size;
    }

    private static void refuse(RoutingContext routingContext, int status, String error, String message) {
        // the rest of the request is not read: close the connection after the answer
        routingContext.response().putHeader("Connection", "close");
        ErrorResponses.end(routingContext, status, error, message);
    }
}
