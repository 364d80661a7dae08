package io.learnhub.gateway.sampling;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.learnhub.gateway.tracing.TraceContextFields;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.quarkus.opentelemetry.runtime.propagation.TextMapPropagatorCustomizer;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.observability.HttpRequest;

/**
 * Makes the W3C trace context propagator record, next to the caller's trace context, who the
 * caller is ({@link InboundCaller}). The server span of a request is started, and sampled, by
 * Quarkus' Vert.x tracer before any route handler runs, with the context this propagator
 * extracts as the parent: the only moment the sampler can learn the request's origin and client
 * address ({@link ClientAddressOfRequest}).
 * Only inbound HTTP requests are annotated (their carrier is Vert.x' observability view of the
 * request), and their trace context is read with {@link TraceContextFields}, which combines
 * repeated header fields as the W3C specification requires; injection is unchanged.
 */
@Singleton
public class InboundCallerPropagatorCustomizer implements TextMapPropagatorCustomizer {

    private final ClientAddressOfRequest clientAddress;

    InboundCallerPropagatorCustomizer(
            @ConfigProperty(name = "quarkus.http.proxy.proxy-address-forwarding", defaultValue = "false") boolean proxyAddressForwarding,
            @ConfigProperty(name = "quarkus.http.proxy.allow-x-forwarded", defaultValue = "false") boolean allowXForwarded,
            @ConfigProperty(name = "quarkus.http.proxy.trusted-proxies") Optional<List<String>> trustedProxies) {
        this.clientAddress = new ClientAddressOfRequest(proxyAddressForwarding, allowXForwarded, trustedProxies);
    }

    @Override
    public TextMapPropagator customize(Context context) {
        TextMapPropagator propagator = context.propagator();
        return propagator instanceof W3CTraceContextPropagator ? new InboundCallerPropagator(propagator, clientAddress) : propagator;
    }

    static final class InboundCallerPropagator implements TextMapPropagator {

        private final TextMapPropagator traceContext;
        private final ClientAddressOfRequest clientAddress;

        InboundCallerPropagator(TextMapPropagator traceContext, ClientAddressOfRequest clientAddress) {
            this.traceContext = traceContext;
            this.clientAddress = clientAddress;
        }

        @Override
        public Collection<String> fields() {
            return traceContext.fields();
        }

        @Override
        public <C> void inject(io.opentelemetry.context.Context context, C carrier, TextMapSetter<C> setter) {
            traceContext.inject(context, carrier, setter);
        }

        @Override
        public <C> io.opentelemetry.context.Context extract(io.opentelemetry.context.Context context, C carrier,
                TextMapGetter<C> getter) {
            if (!(carrier instanceof HttpRequest request)) {
                return traceContext.extract(context, carrier, getter);
            }
            io.opentelemetry.context.Context extracted = traceContext.extract(context, request, TraceContextFields.INSTANCE);
            String origin = InboundCaller.originOf(getter.get(carrier, "origin"), getter.get(carrier, "referer"));
            SocketAddress peer = request.remoteAddress();
            String address = clientAddress.of(peer == null ? null : peer.hostAddress(), getter.get(carrier, "x-forwarded-for"));
            return new InboundCaller(origin, address).storeIn(extracted);
        }

        @Override
        public String toString() {
            return "InboundCallerPropagator{" + traceContext + "}";
        }
    }
}
