package io.learnhub.chat.message;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/chat/messages")
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
    public Uni<MessageResponse> send(@Valid @NotNull SendMessageRequest request) {
        return messages.send(request, caller.getSubject());
    }
}
