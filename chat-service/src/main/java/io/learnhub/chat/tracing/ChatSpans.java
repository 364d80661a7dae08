package io.learnhub.chat.tracing;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;

/**
 * chat-service's own span names, event names and attribute keys; the shared ones (user.id,
 * cache.hit, correlation_id) are common's SharedSpans. docs/architecture.md catalogues both.
 * Attributes carry ids and counts only, never names or message bodies.
 */
public final class ChatSpans {

    public static final String CREATE_CHAT_ROOM = "create_chat_room";
    public static final String ADD_MEMBERS = "add_members";
    public static final String SEND_MESSAGE = "send_message";
    public static final String READ_MEMBERSHIP_CACHE = "read_membership_cache";
    public static final String READ_ROOMS_CACHE = "read_rooms_cache";
    /** The outbox's publish span (learnhub.outbox.publish-span): parent of the Kafka producer span. */
    public static final String PUBLISH_EVENT = "publish_event";
    public static final String BROADCAST_MESSAGE = "broadcast_message";
    public static final String QUEUE_OFFLINE_DELIVERY = "queue_offline_delivery";
    public static final String DELIVER_MESSAGE = "deliver_message";
    public static final String SEND_NOTIFICATION = "send_notification";
    public static final String DELIVER_NOTIFICATION = "deliver_notification";
    /** Opening a /ws/chat connection (presence, queued frames), in the trace of its upgrade. */
    public static final String OPEN_CONNECTION = "open_connection";
    /** A frame a client sent over the WebSocket: the server span of the work it starts. */
    public static final String RECEIVE_FRAME = "receive_frame";

    public static final String EVENT_CREATING_ROOM = "creating_room";
    public static final String EVENT_ROOM_CREATED = "room_created";
    public static final String EVENT_QUEUEING_NOTIFICATIONS = "queueing_notifications";

    public static final AttributeKey<String> ROOM_TYPE = stringKey("room.type");
    public static final AttributeKey<Long> MEMBERS_COUNT = longKey("members_count");
    public static final AttributeKey<Long> MESSAGE_LENGTH = longKey("message.length");
    /** How a deliver_* span reached its recipient: {@code online} (live frame) or {@code queued} (on connect). */
    public static final AttributeKey<String> DELIVERY = stringKey("delivery");
    /** Members a fan-out is addressed to. */
    public static final AttributeKey<Long> RECIPIENTS = longKey("recipients");
    /** The {@code type} of a traced client frame: {@code send}, or {@code invalid} for one that cannot be read (pings are not traced). */
    public static final AttributeKey<String> FRAME_TYPE = stringKey("frame.type");

    private ChatSpans() {
    }
}
