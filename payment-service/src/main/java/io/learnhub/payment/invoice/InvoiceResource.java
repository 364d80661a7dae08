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

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestResponse;

import io.learnhub.common.security.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/payments/invoices")
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
    public Uni<RestResponse<InvoiceView>> create(@Valid @NotNull CreateInvoiceRequest request,
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
    public Uni<List<InvoiceView>> list(
            @QueryParam("status") @Pattern(regexp = "PENDING|PAID|CANCELED|REFUNDED",
                    message = "must be one of PENDING, PAID, CANCELED, REFUNDED") String status,
            @QueryParam("studentId") @Size(min = 1, max = 64) String studentId,
            @QueryParam("offset") @DefaultValue("0") @Min(0) @Max(100_000) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(100) int limit) {
        return invoices.list(Caller.of(caller), studentId, status == null ? null : InvoiceStatus.valueOf(status), offset, limit);
    }

    /** The invoice, for its student or an admin; 404 for anyone else. */
    @GET
    @Path("{id}")
    @Authenticated
    public Uni<InvoiceView> get(@PathParam("id") UUID id) {
        return invoices.findVisibleTo(id, Caller.of(caller));
    }
}
