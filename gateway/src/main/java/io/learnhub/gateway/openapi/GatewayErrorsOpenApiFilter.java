package io.learnhub.gateway.openapi;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Adds the errors the gateway answers itself, before or instead of the service, to every operation
 * it forwards (every path under {@code /api/} in the published document, which comes from the
 * services' snapshots): references to the responses declared once in META-INF/openapi.yaml. A
 * status an operation already documents keeps the service's description.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class GatewayErrorsOpenApiFilter implements OASFilter {

    /** Status → name under {@code components.responses}; 413 only where there is a body to refuse. */
    private static final Map<String, String> ANY_OPERATION = new LinkedHashMap<>();
    private static final String PAYLOAD_TOO_LARGE = "413";
    /** What the gateway forwards; the WebSocket upgrade has its own responses. */
    private static final String API_ROOT = "/api/";

    static {
        ANY_OPERATION.put("429", "RateLimited");
        ANY_OPERATION.put("502", "UpstreamUnavailable");
        ANY_OPERATION.put("503", "UpstreamCircuitOpen");
        ANY_OPERATION.put("504", "UpstreamTimeout");
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith(API_ROOT) && item.getOperations() != null) {
                item.getOperations().values().forEach(GatewayErrorsOpenApiFilter::addGatewayErrors);
            }
        });
    }

    private static void addGatewayErrors(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        if (operation.getRequestBody() != null) {
            addIfMissing(responses, PAYLOAD_TOO_LARGE, "PayloadTooLarge");
        }
        ANY_OPERATION.forEach((status, name) -> addIfMissing(responses, status, name));
    }

    private static void addIfMissing(APIResponses responses, String status, String name) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(name));
        }
    }
}
