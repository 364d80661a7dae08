package io.learnhub.common.error;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Puts {@link ErrorBody} into every service's OpenAPI document, so that no resource has to: the
 * schema under {@code components.schemas.ErrorBody}, and on every operation the error responses
 * any of them can give ({@code 400} when it takes input, {@code 401} when it needs a token,
 * {@code 404} when its path names a resource, {@code 500}) besides those an operation declares
 * itself with {@code @APIResponse} (a {@code 409} and its code, say), every 4xx and 5xx with the
 * error body as its content. Only paths under {@code /api/}, the REST API, are touched.
 *
 * <p>It runs at build time, so the document a build stores (the gateway's snapshots of the
 * services) already has it; it changes nothing in a document it has already been through, such as
 * the gateway's, which is made of those snapshots.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ErrorResponsesOpenApiFilter implements OASFilter {

    public static final String SCHEMA = "ErrorBody";
    static final String SCHEMA_REF = "#/components/schemas/" + SCHEMA;
    private static final String JSON = "application/json";
    /** The REST API; other paths (the gateway's WebSocket upgrade) do not answer with the error body. */
    private static final String API_ROOT = "/api/";

    /** What the common mappers answer for each status any operation can get, by code. */
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "400", "`validation_failed` (a parameter or a field breaks its constraints) or `malformed_json`",
            "401", "`unauthorized`: no bearer token, or one that is expired, of another issuer or badly signed",
            "403", "`forbidden`: the caller's role does not allow this operation",
            "404", "`not_found`: the resource does not exist, or the caller may not know it exists",
            "500", "`internal_error`: an unexpected failure; quote the correlationId when reporting it");
    /** Quarkus' own descriptions of the responses it adds, replaced by the codes above. */
    private static final List<String> GENERIC_DESCRIPTIONS = List.of("Bad Request", "Not Authorized", "Not Allowed", "Not Found");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        if (components.getSchemas() == null || !components.getSchemas().containsKey(SCHEMA)) {
            components.addSchema(SCHEMA, errorBodySchema());
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith(API_ROOT) && item.getOperations() != null) {
                item.getOperations().values().forEach(operation -> addErrorResponses(path, item, operation));
            }
        });
    }

    private static void addErrorResponses(String path, PathItem item, Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        boolean takesInput = operation.getRequestBody() != null || !isEmpty(operation.getParameters())
                || !isEmpty(item.getParameters());
        if (takesInput) {
            addIfMissing(responses, "400");
        }
        if (!isEmpty(operation.getSecurity())) {
            addIfMissing(responses, "401");
        }
        if (path.contains("{")) {
            addIfMissing(responses, "404");
        }
        addIfMissing(responses, "500");
        responses.getAPIResponses().forEach(ErrorResponsesOpenApiFilter::describeError);
    }

    private static void addIfMissing(APIResponses responses, String status) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse());
        }
    }

    /** A 4xx or 5xx gets the error body as content unless it has its own, and a description of its codes. */
    private static void describeError(String status, APIResponse response) {
        if (!(status.startsWith("4") || status.startsWith("5")) || response.getRef() != null) {
            return;
        }
        String known = DESCRIPTIONS.get(status);
        if (known != null && (response.getDescription() == null || GENERIC_DESCRIPTIONS.contains(response.getDescription()))) {
            response.setDescription(known);
        } else if (response.getDescription() == null) {
            response.setDescription("Error " + status);
        }
        if (response.getContent() == null || isEmpty(response.getContent().getMediaTypes())) {
            Content content = OASFactory.createContent()
                    .addMediaType(JSON, OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMA_REF)));
            response.setContent(content);
        }
    }

    private static Schema errorBodySchema() {
        return OASFactory.createSchema()
                .addType(SchemaType.OBJECT)
                .description("The body of every 4xx and 5xx response of the suite, the gateway's included")
                .addProperty("error", string("A stable, machine-readable code such as `not_found`; "
                        + "the codes are listed in the API's description"))
                .addProperty("message", string("For humans; may change, never parse it"))
                .addProperty("correlationId", string("The request's correlation id, also in the X-Correlation-ID header"))
                .addProperty("traceId", OASFactory.createSchema().addType(SchemaType.STRING).addType(SchemaType.NULL)
                        .description("The W3C trace id of the request's trace (32 hex digits), for support"))
                .addRequired("error")
                .addRequired("message")
                .addExample(Map.of("error", "not_found", "message", "Invoice c0ffee00-0000-4000-8000-000000000009 does not exist",
                        "correlationId", "7c9e6679-7425-40de-944b-e07fc1f90ae7", "traceId", "4bf92f3577b34da6a3ce929d0e0e4736"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description);
    }

    private static boolean isEmpty(Collection<?> values) {
        return values == null || values.isEmpty();
    }

    private static boolean isEmpty(Map<?, ?> values) {
        return values == null || values.isEmpty();
    }
}
