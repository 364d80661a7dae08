package io.learnhub.chat.realtime;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.learnhub.common.tracing.ReactiveSpans;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands.ReactiveRedisSubscriber;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * The Redis pub/sub channel ({@code learnhub.chat.realtime.channel}) that carries deliveries to
 * every chat-service replica, so a member gets a message whichever replica they are connected to.
 * Redis does not resubscribe by itself when the subscriber's connection drops: this class does,
 * with a doubling backoff, and logs the outage once and the recovery once.
 *
 * <p>Pub/sub keeps nothing, and while this replica does not listen its users still look online to
 * the others (presence lives on), so messages would reach neither their sockets nor their queue.
 * Hence when the channel drops, this replica closes its sockets (an {@code error} frame
 * {@code realtime_unavailable}, then 1013) and refuses new ones until it listens again: clients
 * reconnect, to this replica or another, and get what was queued meanwhile.
 *
 * <p>Each subscription attempt has a generation; callbacks of an older one are ignored, so a late
 * end or error of a replaced subscriber can never start a second, parallel subscription.
 */
@ApplicationScoped
public class DeliveryChannel {

    private static final Logger LOG = Logger.getLogger(DeliveryChannel.class);

    private final ReactiveRedisDataSource redis;
    private final Instance<Deliveries> deliveries;
    private final Instance<ChatSessions> sessions;
    private final ObjectMapper objectMapper;
    private final ReactiveSpans spans;
    private final RealtimeConfig config;
    private final Vertx vertx;

    // guarded by this
    private long generation;
    private ReactiveRedisSubscriber subscriber;
    private boolean listening;
    private boolean retryScheduled;
    private boolean outageLogged;
    private boolean stopped;
    private Duration backoff;

    public DeliveryChannel(ReactiveRedisDataSource redis, Instance<Deliveries> deliveries, Instance<ChatSessions> sessions,
            ObjectMapper objectMapper, ReactiveSpans spans, RealtimeConfig config, Vertx vertx) {
        this.redis = redis;
        this.deliveries = deliveries;
        this.sessions = sessions;
        this.objectMapper = objectMapper;
        this.spans = spans;
        this.config = config;
        this.vertx = vertx;
        this.backoff = config.resubscribeBackoff();
    }

    void subscribeOnStart(@Observes StartupEvent started) {
        subscribe();
    }

    synchronized void stopOnShutdown(@Observes ShutdownEvent stopping) {
        stopped = true;
    }

    /** Whether this replica currently receives the deliveries published by every replica. */
    public synchronized boolean listening() {
        return listening;
    }

    public Uni<Void> publish(Delivery delivery) {
        return Uni.createFrom().item(() -> json(delivery))
                .chain(json -> redis.pubsub(String.class).publish(config.channel(), json));
    }

    private void subscribe() {
        long attempt;
        synchronized (this) {
            if (stopped) {
                return;
            }
            attempt = ++generation;
            retryScheduled = false;
        }
        // on a duplicated context of its own, untraced: the SUBSCRIBE would otherwise be a root trace
        VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext()).runOnContext(ignored -> spans.untraced(
                () -> redis.pubsub(String.class).subscribe(config.channel(), this::receive, () -> lost(attempt, null),
                        failure -> lost(attempt, failure)))
                .subscribe().with(newSubscriber -> subscribed(attempt, newSubscriber), failure -> lost(attempt, failure)));
    }

    private void subscribed(long attempt, ReactiveRedisSubscriber newSubscriber) {
        synchronized (this) {
            if (attempt != generation || stopped) {
                newSubscriber.unsubscribe().subscribe().with(ignored -> {
                }, failure -> LOG.debugf(failure, "Could not drop a replaced subscription"));
                return;
            }
            subscriber = newSubscriber;
            listening = true;
            backoff = config.resubscribeBackoff();
            if (outageLogged) {
                LOG.infof("Listening on Redis channel %s again", config.channel());
            }
            outageLogged = false;
        }
    }

    private void lost(long attempt, Throwable failure) {
        boolean wasListening;
        Duration wait;
        synchronized (this) {
            if (attempt != generation || stopped || retryScheduled) {
                return;
            }
            wasListening = listening;
            listening = false;
            retryScheduled = true;
            if (subscriber != null) {
                // the connection is gone or failing: release what is left of it
                subscriber.unsubscribe().subscribe().with(ignored -> {
                }, ignored -> {
                });
                subscriber = null;
            }
            if (!outageLogged) {
                LOG.warnf(failure, "Lost Redis channel %s: closing this replica's sockets and refusing new ones until it is back",
                        config.channel());
                outageLogged = true;
            }
            wait = backoff;
            backoff = min(backoff.multipliedBy(2), config.resubscribeMaxBackoff());
        }
        if (wasListening) {
            sessions.get().closeAll();
        }
        vertx.setTimer(Math.max(1, wait.toMillis()), ignored -> subscribe());
    }

    private void receive(String json) {
        try {
            deliveries.get().deliverHere(objectMapper.readValue(json, Delivery.class));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.errorf(e, "Dropped an unreadable delivery from Redis channel %s", config.channel());
        }
    }

    private String json(Delivery delivery) {
        try {
            return objectMapper.writeValueAsString(delivery);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a delivery", e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
