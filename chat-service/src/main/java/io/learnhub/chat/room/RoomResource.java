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
import org.jboss.resteasy.reactive.ResponseStatus;

import io.learnhub.chat.message.MessageResponse;
import io.learnhub.chat.message.MessageService;
import io.learnhub.chat.realtime.PresenceResponse;
import io.learnhub.chat.realtime.RoomPresence;
import io.learnhub.common.security.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/chat/rooms")
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
    public Uni<RoomResponse> create(@Valid @NotNull CreateRoomRequest request) {
        return rooms.create(request, Caller.of(caller));
    }

    /** The rooms the caller is a member of, optionally only those of one course. */
    @GET
    public Uni<List<RoomResponse>> list(@QueryParam("courseId") UUID courseId) {
        return rooms.listForMember(caller.getSubject(), courseId);
    }

    /**
     * A page of the room's history, oldest first; members only. Without {@code before} the latest
     * messages; with it, those just before that message (the next page is {@code before} = the
     * first id of this one).
     */
    @GET
    @Path("{id}/messages")
    public Uni<List<MessageResponse>> messages(@PathParam("id") UUID roomId, @QueryParam("before") UUID before,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(MessageService.MAX_PAGE_SIZE) int limit) {
        return messages.history(roomId, caller.getSubject(), before, limit);
    }

    /** The room's members who are online now (any replica); members only. */
    @GET
    @Path("{id}/presence")
    public Uni<PresenceResponse> presence(@PathParam("id") UUID roomId) {
        return presence.of(roomId, caller.getSubject());
    }
}
