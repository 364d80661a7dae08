package io.learnhub.chat.room;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.learnhub.chat.message.MessageResponse;
import io.learnhub.chat.message.MessageService;
import io.learnhub.chat.realtime.PresenceResponse;
import io.learnhub.chat.realtime.RoomPresence;
import io.learnhub.common.security.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/chat/rooms")
@Tag(name = "chat rooms")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RoomResource {

    private final RoomService rooms;
    private final MessageService messages;
    private final RoomPresence presence;
    private final JsonWebToken caller;

    public RoomResource(RoomService rooms, MessageService messages, RoomPresence presence, JsonWebToken caller) {
        this.rooms = rooms;
        this.messages = messages;
        this.presence = presence;
        this.caller = caller;
    }

    /** A GROUP or DIRECT room with the caller as a member; a COURSE room only for an admin (403 otherwise). */
    @POST
    @ResponseStatus(201)
    @Operation(summary = "Create a room with the caller as a member")
    @APIResponseSchema(value = RoomResponse.class, responseCode = "201", responseDescription = "The room")
    @APIResponse(responseCode = "403", description = "`forbidden`: a COURSE room, and the caller is not an admin")
    @APIResponse(responseCode = "409", description = "`room_exists`: the course already has its COURSE room")
    public Uni<RoomResponse> create(@Valid @NotNull CreateRoomRequest request) {
        return rooms.create(request, Caller.of(caller));
    }

    /** The rooms the caller is a member of, optionally only those of one course. */
    @GET
    @Operation(summary = "The rooms the caller is a member of")
    public Uni<List<RoomResponse>> list(
            @Parameter(description = "Only the rooms of this course") @QueryParam("courseId") UUID courseId) {
        return rooms.listForMember(caller.getSubject(), courseId);
    }

    /**
     * A page of the room's history, oldest first; members only. Without {@code before} the latest
     * messages; with it, those just before that message (the next page is {@code before} = the
     * first id of this one).
     */
    @GET
    @Path("{id}/messages")
    @Operation(summary = "A page of a room's history, oldest first", description = "Members only. The next older page: "
            + "`before` = the first id of this page.")
    @APIResponse(responseCode = "200", description = "Up to `limit` messages, oldest first")
    @APIResponse(responseCode = "403", description = "`not_member`: the caller is not a member of the room")
    @APIResponse(responseCode = "404", description = "`not_found`: `before` is not a message of this room")
    public Uni<List<MessageResponse>> messages(@PathParam("id") UUID roomId,
            @Parameter(description = "The page ends just before this message; without it, the latest messages")
            @QueryParam("before") UUID before,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(MessageService.MAX_PAGE_SIZE) int limit) {
        return messages.history(roomId, caller.getSubject(), before, limit);
    }

    /** The room's members who are online now (any replica); members only. */
    @GET
    @Path("{id}/presence")
    @Operation(summary = "The room's members online now")
    @APIResponse(responseCode = "200", description = "The ids of the members with an open /ws/chat connection")
    @APIResponse(responseCode = "403", description = "`not_member`: the caller is not a member of the room")
    @APIResponse(responseCode = "503", description = "`presence_unavailable`: chat-service cannot reach Redis; try again shortly")
    public Uni<PresenceResponse> presence(@PathParam("id") UUID roomId) {
        return presence.of(roomId, caller.getSubject());
    }
}
