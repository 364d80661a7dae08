package io.learnhub.chat.realtime;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.learnhub.chat.message.MessageResponse;
import io.learnhub.chat.room.RoomCreated;

/**
 * The JSON frames of {@code /ws/chat} (docs/architecture.md, "WebSocket"). Server frames are
 * objects with a {@code type}: {@code message}, {@code notification}, {@code sent}, {@code pong},
 * {@code error}. Client frames are {@code send} and {@code ping}.
 */
@ApplicationScoped
public class Frames {

    static final String TRACEPARENT = "traceparent";
    static final String CORRELATION_ID = "correlationId";

    private final ObjectMapper objectMapper;

    public Frames(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    /** {@code {"type":"message","roomId","message":{…}}}; the delivery adds its traceparent. */
    public String message(MessageResponse message) {
        ObjectNode frame = frame("message").put("roomId", message.roomId().toString());
        frame.set("message", objectMapper.valueToTree(message));
        return write(frame);
    }

    /** {@code {"type":"notification","event":"room_created","roomId","roomType","courseId"}}: the user is in a new room. */
    public String roomCreated(RoomCreated room) {
        ObjectNode frame = frame("notification").put("event", "room_created")
                .put("roomId", room.roomId().toString())
                .put("roomType", room.type().name());
        frame.put("courseId", room.courseId() == null ? null : room.courseId().toString());
        return write(frame);
    }

    /** The answer to the sender's {@code send}: {@code {"type":"sent","roomId","message":{…},"traceparent"}}. */
    public String sent(MessageResponse message, String traceparent) {
        ObjectNode frame = frame("sent").put("roomId", message.roomId().toString());
        frame.set("message", objectMapper.valueToTree(message));
        return write(frame.put(TRACEPARENT, traceparent));
    }

    public String pong() {
        return write(frame("pong"));
    }

    /** {@code {"type":"error","error","message","correlationId","traceId"}}: the REST error body's fields. */
    public String error(String error, String message, String correlationId, String traceId) {
        return write(frame("error").put("error", error).put("message", message)
                .put("correlationId", correlationId).put("traceId", traceId));
    }

    /** A stored or published frame with the traceparent of the span that delivers it. */
    public String withTraceparent(String frame, String traceparent) {
        try {
            return write(((ObjectNode) objectMapper.readTree(frame)).put(TRACEPARENT, traceparent));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable stored frame", e);
        }
    }

    /**
     * Reads a client frame.
     *
     * @throws InvalidFrameException when it is not a JSON object of a known type with valid fields
     */
    public ClientFrame parse(String text) {
        JsonNode json;
        try {
            json = objectMapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidFrameException("The frame is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw new InvalidFrameException("A frame is a JSON object with a \"type\"");
        }
        String type = text(json, "type");
        String traceparent = text(json, TRACEPARENT);
        String correlationId = text(json, CORRELATION_ID);
        if (ClientFrame.PING.equals(type)) {
            return new ClientFrame(type, null, null, traceparent, correlationId);
        }
        if (!ClientFrame.SEND.equals(type)) {
            throw new InvalidFrameException("Unknown frame type; expected \"send\" or \"ping\"");
        }
        return new ClientFrame(type, roomId(json), text(json, "body"), traceparent, correlationId);
    }

    private static UUID roomId(JsonNode json) {
        String roomId = text(json, "roomId");
        if (roomId == null) {
            return null;
        }
        try {
            return UUID.fromString(roomId);
        } catch (IllegalArgumentException e) {
            throw new InvalidFrameException("roomId: is not a UUID");
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidFrameException(field + ": must be a string");
        }
        return value.asText();
    }

    private ObjectNode frame(String type) {
        return objectMapper.createObjectNode().put("type", type);
    }

    private String write(ObjectNode frame) {
        try {
            return objectMapper.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a frame", e);
        }
    }
}
