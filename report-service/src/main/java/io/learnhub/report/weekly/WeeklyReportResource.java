package io.learnhub.report.weekly;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
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
import org.jboss.resteasy.reactive.RestResponse;

import io.learnhub.common.security.Caller;
import io.smallrye.mutiny.Uni;

@Path("/api/reports/weekly")
@Produces(MediaType.APPLICATION_JSON)
public class WeeklyReportResource {

    private final WeeklyReportService reports;
    private final JsonWebToken token;

    WeeklyReportResource(WeeklyReportService reports, JsonWebToken token) {
        this.reports = reports;
        this.token = token;
    }

    @GET
    @RolesAllowed({ Caller.TEACHER, Caller.ADMIN })
    @Operation(summary = "Stored weekly reports, newest week first")
    public Uni<List<WeeklyReportView>> list(
            @Parameter(description = "The teacher; a teacher may only name themselves, an admin anyone (or no one: all)")
            @QueryParam("teacherId") @Size(max = 64) String teacherId,
            @Parameter(description = "Any day of the ISO week, e.g. 2026-11-16")
            @QueryParam("week") @Size(max = 10) String week,
            @QueryParam("offset") @DefaultValue("0") @Min(0) @Max(100_000) int offset,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return reports.list(Caller.of(token), teacherId, day(week), offset, limit);
    }

    @POST
    @Path("/run")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Run the weekly job now, in the background: 202 with the run and its trace id; "
            + "409 run_in_progress while a run is under way")
    public Uni<RestResponse<RunView>> run(
            @Parameter(description = "Any day of the ISO week to report on; default the last complete week")
            @QueryParam("week") @Size(max = 10) String week) {
        return reports.run(day(week)).map(run -> RestResponse.ResponseBuilder.<RunView>create(RestResponse.Status.ACCEPTED)
                .location(URI.create("/api/reports/weekly/runs/" + run.id()))
                .entity(run)
                .build());
    }

    @GET
    @Path("/runs/{id}")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "One weekly run: status, counts and trace id")
    public Uni<RunView> findRun(@PathParam("id") UUID id) {
        return reports.findRun(id);
    }

    /** Any day of an ISO week, as the {@code week} parameter gives it; null when absent. */
    private static LocalDate day(String week) {
        if (week == null || week.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(week);
        } catch (DateTimeParseException e) {
            throw new InvalidWeekException(week);
        }
    }
}
