package io.learnhub.common.outbox;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.learnhub.common.tracing.ReactiveSpans;
import io.learnhub.common.tracing.TraceContexts;
import io.quarkus.arc.properties.IfBuildProperty;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Publishes outbox rows that were not published right after their transaction (Kafka was down,
 * the acknowledgement timed out, the service stopped in between). Each row is published under
 * the trace context stored with it, so the consumers' spans still join the original trace.
 * Rows are claimed with a lease and SKIP LOCKED, so several replicas can run the relay at once.
 */
@ApplicationScoped
@IfBuildProperty(name = OutboxConfig.ENABLED, stringValue = "true")
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxEventRepository events;
    private final OutboxPublisher publisher;
    private final TraceContexts traceContexts;
    private final ReactiveSpans spans;
    private final OutboxConfig config;
    private final Clock clock;

    public OutboxRelay(OutboxEventRepository events, OutboxPublisher publisher, TraceContexts traceContexts,
            ReactiveSpans spans, OutboxConfig config, Clock clock) {
        this.events = events;
        this.publisher = publisher;
        this.traceContexts = traceContexts;
        this.spans = spans;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "outbox-relay", every = "${learnhub.outbox.relay.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // not while the service starts or stops: the database pool may be closed already
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> relayUnsent() {
        Instant now = clock.instant();
        // the poll itself leaves no trace (a root trace every run otherwise); each publish is traced
        // under the context stored with its row
        return spans.untraced(() -> Panache.withTransaction(() -> events.claimDue(now, now.plus(config.lease()), config.relay().batchSize()))
                .onItem().transformToMulti(due -> Multi.createFrom().iterable(due))
                // one at a time, in order; the first failure (Kafka still down) ends this run
                .onItem().transformToUniAndConcatenate(event -> {
                    Context stored = traceContexts.restore(event.traceContext);
                    return publisher.publish(event, stored).invoke(() -> {
                        // logged in the event's own trace and correlation id, not the poll's
                        try (Scope ignored = stored.makeCurrent()) {
                            LOG.infof("Relayed outbox event %s to %s", event.id, event.topic);
                        }
                    });
                })
                .onItem().ignoreAsUni()
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf(failure, "Outbox relay stopped; unsent events stay queued");
                    return Uni.createFrom().voidItem();
                }));
    }
}
