package io.learnhub.report.stats;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.learnhub.common.security.Caller;
import io.smallrye.mutiny.Uni;

@Path("/api/reports/stats")
@Tag(name = "teacher stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private final StatsService stats;
    private final JsonWebToken token;

    StatsResource(StatsService stats, JsonWebToken token) {
        this.stats = stats;
        this.token = token;
    }

    @GET
    @RolesAllowed({ Caller.TEACHER, Caller.ADMIN })
    @Operation(summary = "Paid invoices and revenue per ISO week, newest week first")
    @APIResponse(responseCode = "200", description = "One row per week and currency; weeks without sales or refunds have none")
    @APIResponse(responseCode = "400", description = "`validation_failed`: a parameter out of range, or an admin names no teacher")
    @APIResponse(responseCode = "403", description = "`forbidden`: a teacher names another teacher, or the caller is neither")
    public Uni<List<WeeklyStats>> weeklyStats(
            @Parameter(description = "The teacher; required for admins, a teacher may only name themselves")
            @QueryParam("teacherId") @Size(max = 64) String teacherId,
            @Parameter(description = "How many weeks back, the current week included")
            @QueryParam("weeks") @DefaultValue("12") @Min(1) @Max(52) int weeks) {
        return stats.weeklyStats(Caller.of(token), teacherId, weeks);
    }
}
