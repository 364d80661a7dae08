package io.learnhub.chat.message;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/chat/messages")
@Tag(name = "chat messages")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MessageResource {

    private final MessageService messages;
    private final JsonWebToken caller;

    public MessageResource(MessageService messages, JsonWebToken caller) {
        this.messages = messages;
        this.caller = caller;
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Send a message to a room", description = "Like a `send` frame on /ws/chat: delivered live to the "
            + "members online and queued for the others.")
    @APIResponseSchema(value = MessageResponse.class, responseCode = "201", responseDescription = "The stored message")
    @APIResponse(responseCode = "403", description = "`not_member`: the caller is not a member of the room")
    public Uni<MessageResponse> send(@Valid @NotNull SendMessageRequest request) {
        return messages.send(request, caller.getSubject());
    }
}
