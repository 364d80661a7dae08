package io.learnhub.common.testapp;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.common.error.NotFoundException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** A tiny application for testing common's HTTP behaviour inside a real Quarkus. */
@Path("/probe")
public class ProbeResource {

    public record Greeting(@NotBlank String name) {
    }

    public enum Colour {
        RED, GREEN
    }

    public record Paint(@NotNull Colour colour, @NotNull UUID canvasId) {
    }

    @GET
    @Path("/correlation")
    public Uni<String> correlation() {
        // read after a hop off the request thread: the id must survive reactive pipelines
        return Uni.createFrom().item(() -> CorrelationId.current().orElse("none"))
                .emitOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool());
    }

    @GET
    @Path("/things/{id}")
    public String thing(@PathParam("id") String id) {
        throw new NotFoundException("Thing", id);
    }

    @POST
    @Path("/greetings")
    public String greet(@Valid Greeting greeting) {
        return "hello " + greeting.name();
    }

    @POST
    @Path("/paints")
    @Consumes(MediaType.APPLICATION_JSON)
    public String paint(@Valid Paint paint) {
        return paint.colour() + " on " + paint.canvasId();
    }

    @GET
    @Path("/canvases/{id}")
    @Produces(MediaType.TEXT_PLAIN)
    public String canvas(@PathParam("id") UUID id, @QueryParam("colour") Colour colour) {
        return id + " " + colour;
    }

    @GET
    @Path("/secret")
    @Authenticated
    public String secret() {
        return "secret";
    }

    @GET
    @Path("/teacher")
    @RolesAllowed("teacher")
    public String teacher(@Context SecurityContext caller) {
        return caller.getUserPrincipal().getName();
    }

    @GET
    @Path("/boom")
    public String boom() {
        throw new IllegalStateException("database password is hunter2");
    }
}
