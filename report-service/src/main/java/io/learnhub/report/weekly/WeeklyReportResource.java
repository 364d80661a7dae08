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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.learnhub.common.security.Caller;
import io.smallrye.mutiny.Uni;

@Path("/api/reports/weekly")
@Tag(name = "weekly reports")
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
    @APIResponse(responseCode = "200", description = "A page of reports, newest week first, then by teacher")
    @APIResponse(responseCode = "400", description = "`validation_failed`: `week` is not a date, or a parameter is out of range")
    @APIResponse(responseCode = "403", description = "`forbidden`: a teacher names another teacher, or the caller is neither")
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
    @Operation(summary = "Run the weekly job now, in the background",
            description = "The run is a trace of its own: follow it with its `traceId`, or poll the run at its Location.")
    @APIResponse(responseCode = "202", description = "The run, under way", content = @Content(schema = @Schema(implementation = RunView.class)),
            headers = @Header(name = "Location", description = "/api/reports/weekly/runs/{id}", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "`run_in_progress`: another run is under way; its id is in the message")
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
