package io.learnhub.chat.realtime;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.learnhub.common.correlation.CorrelationId;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * The Redis pub/sub channel ({@code learnhub.chat.realtime.channel}) that carries deliveries to
 * every chat-service replica, so a member gets a message whichever replica they are connected to.
 * Redis does not resubscribe by itself when the subscriber's connection drops: this class does,
 * with a doubling backoff, and logs the outage once and the recovery once. Pub/sub keeps nothing,
 * so a frame published while a replica is cut off does not reach its connections live; it is in
 * the room's history, and each open connection is told so with an {@code error} frame
 * {@code realtime_unavailable} when the channel drops.
 */
@ApplicationScoped
public class DeliveryChannel {

    private static final Logger LOG = Logger.getLogger(DeliveryChannel.class);

    private final ReactiveRedisDataSource redis;
    private final Instance<Deliveries> deliveries;
    private final ChatConnections connections;
    private final Frames frames;
    private final ObjectMapper objectMapper;
    private final RealtimeConfig config;
    private final Vertx vertx;
    private final AtomicBoolean resubscribing = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile boolean listening;
    private Duration backoff;

    public DeliveryChannel(ReactiveRedisDataSource redis, Instance<Deliveries> deliveries, ChatConnections connections,
            Frames frames, ObjectMapper objectMapper, RealtimeConfig config, Vertx vertx) {
        this.redis = redis;
        this.deliveries = deliveries;
        this.connections = connections;
        this.frames = frames;
        this.objectMapper = objectMapper;
        this.config = config;
        this.vertx = vertx;
        this.backoff = config.resubscribeBackoff();
    }

    void subscribeOnStart(@Observes StartupEvent started) {
        subscribe();
    }

    void stopOnShutdown(@Observes ShutdownEvent stopping) {
        stopped = true;
    }

    /** Whether this replica currently receives the deliveries published by the others. */
    public boolean listening() {
        return listening;
    }

    public Uni<Void> publish(Delivery delivery) {
        return Uni.createFrom().item(() -> json(delivery))
                .chain(json -> redis.pubsub(String.class).publish(config.channel(), json));
    }

    private void subscribe() {
        redis.pubsub(String.class)
                .subscribe(config.channel(), this::receive, () -> connectionLost(null), this::connectionLost)
                .subscribe().with(subscriber -> {
                    if (backoff.compareTo(config.resubscribeBackoff()) > 0) {
                        LOG.infof("Listening on Redis channel %s again", config.channel());
                    }
                    listening = true;
                    backoff = config.resubscribeBackoff();
                }, this::connectionLost);
    }

    private void connectionLost(Throwable failure) {
        boolean wasListening = listening;
        listening = false;
        if (stopped || !resubscribing.compareAndSet(false, true)) {
            return;
        }
        if (wasListening || backoff.equals(config.resubscribeBackoff())) {
            LOG.warnf(failure, "Lost Redis channel %s: live deliveries from other replicas stop until it is back; retrying",
                    config.channel());
        }
        if (wasListening) {
            tellConnectionsLiveDeliveryStopped();
        }
        Duration wait = backoff;
        backoff = min(backoff.multipliedBy(2), config.resubscribeMaxBackoff());
        vertx.setTimer(Math.max(1, wait.toMillis()), ignored -> {
            resubscribing.set(false);
            if (!stopped) {
                subscribe();
            }
        });
    }

    /** Open sockets are not left silent: each is told that frames may be missing (they are in the history). */
    private void tellConnectionsLiveDeliveryStopped() {
        String correlationId = CorrelationId.mint();
        String frame = frames.error("realtime_unavailable",
                "Live delivery was interrupted; messages sent meanwhile are in the room history", correlationId, null);
        for (ChatConnection connection : connections.all()) {
            connection.socket().sendText(frame).subscribe().with(ignored -> {
            }, sendFailure -> LOG.debugf(sendFailure, "Could not tell connection %s", connection.id()));
        }
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
