package io.learnhub.chat.realtime;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A frame kept for a member who was offline when it was sent; pushed, in id order, when they
 * connect, then deleted.
 */
@Entity
@Table(name = "pending_deliveries")
public class PendingDelivery {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "user_id", nullable = false, length = 64)
    public String userId;

    @Column(name = "room_id", nullable = false)
    public UUID roomId;

    /** The message delivered, null for a notification. */
    @Column(name = "message_id")
    public UUID messageId;

    /** The server frame's JSON, without traceparent. */
    @Column(nullable = false)
    public String frame;

    /** W3C headers of the span that queued it, as JSON: the delivery span's parent. */
    @Column(name = "trace_context", nullable = false)
    public String traceContext;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    static PendingDelivery of(String userId, UUID roomId, UUID messageId, String frame, String traceContext, Instant createdAt) {
        PendingDelivery delivery = new PendingDelivery();
        delivery.userId = userId;
        delivery.roomId = roomId;
        delivery.messageId = messageId;
        delivery.frame = frame;
        delivery.traceContext = traceContext;
        delivery.createdAt = createdAt;
        return delivery;
    }
}
