package io.learnhub.payment.course;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/payments/materials")
@Tag(name = "course materials")
@Authenticated
public class UnlockedMaterialsResource {

    private final MaterialService materials;
    private final JsonWebToken caller;

    public UnlockedMaterialsResource(MaterialService materials, JsonWebToken caller) {
        this.materials = materials;
        this.caller = caller;
    }

    /** Every material the caller has paid for, grouped by course. */
    @GET
    @Operation(summary = "Every material the caller has paid for, by course title")
    public Uni<List<UnlockedCourseView>> list() {
        return materials.unlockedFor(caller.getSubject());
    }
}
