package io.learnhub.payment.invoice;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.Claims;
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
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/payments/invoices")
@Tag(name = "invoices")
public class InvoiceResource {

    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
    /** On a creation answered from an earlier request with the same Idempotency-Key. */
    public static final String IDEMPOTENT_REPLAYED_HEADER = "Idempotent-Replayed";

    private final InvoiceService invoices;
    private final JsonWebToken caller;

    public InvoiceResource(InvoiceService invoices, JsonWebToken caller) {
        this.invoices = invoices;
        this.caller = caller;
    }

    /**
     * A pending invoice for the course at its price, owed by the calling student. Repeating the
     * request with the same {@code Idempotency-Key} answers with the same invoice instead of a new one.
     */
    @POST
    @RolesAllowed(Caller.STUDENT)
    @Operation(summary = "Issue a pending invoice for a course, owed by the calling student")
    @APIResponse(responseCode = "201", description = "The invoice; with an Idempotency-Key already used for the same body, "
            + "the invoice issued then", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InvoiceView.class)), headers = {
                    @Header(name = "Location", description = "/api/payments/invoices/{id}", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = IDEMPOTENT_REPLAYED_HEADER, description = "`true` when the invoice was issued by an earlier request",
                            schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "403", description = "`forbidden`: the caller is not a student")
    @APIResponse(responseCode = "404", description = "`not_found`: no such course")
    @APIResponse(responseCode = "409", description = "`idempotency_key_reused`: the Idempotency-Key was used with another body")
    public Uni<RestResponse<InvoiceView>> create(@Valid @NotNull CreateInvoiceRequest request,
            @Parameter(description = "Makes a retry safe: the same key and body answer with the same invoice")
            @HeaderParam(IDEMPOTENCY_KEY_HEADER) @Size(min = 1, max = 255) @Pattern(regexp = "[\\x21-\\x7E]+",
                    message = "must be 1 to 255 visible ASCII characters") String idempotencyKey) {
        return invoices.issue(request.courseId(), caller.getSubject(), caller.getClaim(Claims.email), idempotencyKey)
                .map(issued -> {
                    RestResponse.ResponseBuilder<InvoiceView> response = RestResponse.ResponseBuilder
                            .<InvoiceView> created(URI.create("/api/payments/invoices/" + issued.invoice().id()))
                            .entity(issued.invoice());
                    if (issued.replayed()) {
                        response.header(IDEMPOTENT_REPLAYED_HEADER, "true");
                    }
                    return response.build();
                });
    }

    /**
     * Invoices newest first: the caller's own; an admin may name a {@code studentId} or omit it for
     * everyone's. {@code status} filters; {@code offset}/{@code limit} page.
     */
    @GET
    @Authenticated
    @Operation(summary = "Invoices, newest first: the caller's own; an admin's choice of student, or everyone's")
    @APIResponse(responseCode = "200", description = "A page of invoices")
    @APIResponse(responseCode = "403", description = "`forbidden`: someone but an admin names another student")
    public Uni<List<InvoiceView>> list(
            @QueryParam("status") @Pattern(regexp = "PENDING|PAID|CANCELED|REFUNDED",
                    message = "must be one of PENDING, PAID, CANCELED, REFUNDED") String status,
            @Parameter(description = "Admins only (anyone else may name only themselves); without it, everyone's")
            @QueryParam("studentId") @Size(min = 1, max = 64) String studentId,
            @QueryParam("offset") @DefaultValue("0") @Min(0) @Max(100_000) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(100) int limit) {
        return invoices.list(Caller.of(caller), studentId, status == null ? null : InvoiceStatus.valueOf(status), offset, limit);
    }

    /** The invoice, for its student or an admin; 404 for anyone else. */
    @GET
    @Path("{id}")
    @Authenticated
    @Operation(summary = "One invoice, for its student or an admin", description = "Anyone else gets 404.")
    public Uni<InvoiceView> get(@PathParam("id") UUID id) {
        return invoices.findVisibleTo(id, Caller.of(caller));
    }
}
