package io.learnhub.payment.invoice;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestResponse;

import io.learnhub.common.security.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/payments/invoices")
public class InvoiceResource {

    private final InvoiceService invoices;
    private final JsonWebToken caller;

    public InvoiceResource(InvoiceService invoices, JsonWebToken caller) {
        this.invoices = invoices;
        this.caller = caller;
    }

    /** A pending invoice for the course at its price, owed by the calling student. */
    @POST
    @RolesAllowed(Caller.STUDENT)
    public Uni<RestResponse<InvoiceView>> create(@Valid @NotNull CreateInvoiceRequest request) {
        return invoices.issue(request.courseId(), caller.getSubject())
                .map(invoice -> RestResponse.ResponseBuilder.<InvoiceView> created(URI.create("/api/payments/invoices/" + invoice.id()))
                        .entity(invoice)
                        .build());
    }

    /** The invoice, for its student or an admin; 404 for anyone else. */
    @GET
    @Path("{id}")
    @Authenticated
    public Uni<InvoiceView> get(@PathParam("id") UUID id) {
        return invoices.findVisibleTo(id, Caller.of(caller));
    }
}
