package io.learnhub.payment.course;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/payments/materials")
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
    public Uni<List<UnlockedCourseView>> list() {
        return materials.unlockedFor(caller.getSubject());
    }
}
