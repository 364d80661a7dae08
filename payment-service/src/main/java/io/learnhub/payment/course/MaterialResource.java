package io.learnhub.payment.course;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/payments/courses/{courseId}/materials")
@Tag(name = "course materials")
@Authenticated
public class MaterialResource {

    private final MaterialService materials;
    private final JsonWebToken caller;

    public MaterialResource(MaterialService materials, JsonWebToken caller) {
        this.materials = materials;
        this.caller = caller;
    }

    /** The course's materials in order, each flagged {@code unlocked} when the caller has paid for it. */
    @GET
    @Operation(summary = "A course's materials in order, each flagged `unlocked` when the caller has paid for it")
    public Uni<List<MaterialView>> list(@PathParam("courseId") UUID courseId) {
        return materials.forCaller(courseId, caller.getSubject());
    }
}
