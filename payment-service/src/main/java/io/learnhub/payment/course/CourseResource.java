package io.learnhub.payment.course;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/payments/courses")
@Tag(name = "courses")
@Authenticated
public class CourseResource {

    private final CourseService courses;
    private final JsonWebToken caller;

    public CourseResource(CourseService courses, JsonWebToken caller) {
        this.courses = courses;
        this.caller = caller;
    }

    /** The course catalogue, each course flagged {@code unlocked} when the caller has paid for it. */
    @GET
    @Operation(summary = "The course catalogue (at most 200 courses) by title, each flagged `unlocked` when the caller has paid for it")
    public Uni<List<CourseView>> list() {
        return courses.catalogueFor(caller.getSubject());
    }
}
