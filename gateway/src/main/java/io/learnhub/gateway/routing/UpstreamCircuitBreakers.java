package io.learnhub.gateway.routing;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;

/**
 * One SmallRye Fault Tolerance circuit breaker per upstream replica ({@link ClientConfig.CircuitBreaker}).
 * Only transport failures count: a service that answers, even with a 5xx, is up. While a breaker
 * is open its calls fail at once with {@link UpstreamCircuitOpenException} (503), without a
 * connection attempt, so a dead replica costs callers nothing but the answer.
 *
 * <p>Metrics: {@code learnhub_gateway_upstream_circuit_open{upstream,replica}} is 1 while a
 * breaker is open or half-open, {@code learnhub_gateway_upstream_circuit_rejected_total} counts
 * the calls it refused.
 */
@ApplicationScoped
@Startup // its metrics exist, at 0, from the start
public class UpstreamCircuitBreakers {

    private static final Logger LOG = Logger.getLogger(UpstreamCircuitBreakers.class);

    private static final TypeLiteral<Uni<HttpResponse<Buffer>>> CALL = new TypeLiteral<>() {
    };

    private final ClientConfig.CircuitBreaker config;
    private final MeterRegistry registry;
    private final Map<Upstream, TypedGuard<Uni<HttpResponse<Buffer>>>> guards = new ConcurrentHashMap<>();
    private final List<Meter> meters = new CopyOnWriteArrayList<>();

    UpstreamCircuitBreakers(ClientConfig client, MeterRegistry registry, UpstreamRoutes routes) {
        this.config = client.circuitBreaker();
        this.registry = registry;
        routes.all().forEach(upstream -> guards.computeIfAbsent(upstream, this::breakerFor));
    }

    /** Makes the call through the replica's breaker; an open breaker fails it with {@link UpstreamCircuitOpenException}. */
    public Uni<HttpResponse<Buffer>> call(Upstream upstream, Supplier<Uni<HttpResponse<Buffer>>> send) {
        return guards.computeIfAbsent(upstream, this::breakerFor).get(send)
                .onFailure(CircuitBreakerOpenException.class)
                .transform(open -> new UpstreamCircuitOpenException(upstream, config.delay(), open));
    }

    private TypedGuard<Uni<HttpResponse<Buffer>>> breakerFor(Upstream upstream) {
        String replica = upstream.host() + ":" + upstream.port();
        AtomicInteger open = new AtomicInteger();
        meters.add(Gauge.builder("learnhub.gateway.upstream.circuit.open", open, AtomicInteger::get)
                .description("1 while the upstream replica's circuit breaker is open or half-open")
                .tags("upstream", upstream.name(), "replica", replica)
                .register(registry));
        Counter rejected = Counter.builder("learnhub.gateway.upstream.circuit.rejected")
                .description("Calls answered 503 at once because the replica's circuit breaker was open")
                .tags("upstream", upstream.name(), "replica", replica)
                .register(registry);
        meters.add(rejected);
        return TypedGuard.create(CALL)
                .withDescription("upstream " + upstream.name() + " at " + replica)
                .withCircuitBreaker()
                .name("upstream-" + upstream.name() + "-" + replica)
                .requestVolumeThreshold(config.requestVolume())
                .failureRatio(config.failureRatio())
                .delay(config.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(1)
                .when(UpstreamCircuitBreakers::isTransportFailure)
                .onPrevented(rejected::increment)
                .onStateChange(state -> {
                    open.set(state == CircuitBreakerState.CLOSED ? 0 : 1);
                    logChange(upstream, replica, state);
                })
                .done()
                .build();
    }

    /**
     * The gauge reads this instance's breaker state: it must go with it. Left registered, a later
     * instance (an application restarted in the same JVM, as tests do) would get this gauge back
     * from the registry, reading a state no breaker updates any more.
     */
    @PreDestroy
    void removeMeters() {
        meters.forEach(registry::remove);
    }

    static boolean isTransportFailure(Throwable failure) {
        return failure instanceof UpstreamUnavailableException || failure instanceof UpstreamTimeoutException;
    }

    private void logChange(Upstream upstream, String replica, CircuitBreakerState state) {
        switch (state) {
            case OPEN -> LOG.warnf("Circuit breaker for %s at %s opened: calls to it are answered 503 for %s",
                    upstream.name(), replica, config.delay());
            case HALF_OPEN -> LOG.infof("Circuit breaker for %s at %s half-open: the next call is a trial", upstream.name(), replica);
            case CLOSED -> LOG.infof("Circuit breaker for %s at %s closed: %s is answering again", upstream.name(), replica,
                    upstream.name());
        }
    }
}
