package io.learnhub.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.junit.jupiter.api.Test;

class ErrorResponsesOpenApiFilterTest {

    private final ErrorResponsesOpenApiFilter filter = new ErrorResponsesOpenApiFilter();

    @Test
    void errorBodySchemaHasTheFieldsOfTheErrorBody() {
        OpenAPI document = OASFactory.createOpenAPI();

        filter.filterOpenAPI(document);

        List<String> fields = Arrays.stream(ErrorBody.class.getRecordComponents()).map(RecordComponent::getName).toList();
        assertThat(document.getComponents().getSchemas().get(ErrorResponsesOpenApiFilter.SCHEMA).getProperties())
                .containsOnlyKeys(fields);
    }

    @Test
    void securedOperationOnAResourceGetsTheStandardErrorResponsesWithTheErrorBody() {
        Operation get = OASFactory.createOperation()
                .addParameter(OASFactory.createParameter().name("id").in(Parameter.In.PATH))
                .addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("jwt"))
                .responses(OASFactory.createAPIResponses().addAPIResponse("200", OASFactory.createAPIResponse().description("OK")));
        OpenAPI document = documentWith("/api/things/{id}", get);

        filter.filterOpenAPI(document);

        assertThat(get.getResponses().getAPIResponses()).containsOnlyKeys("200", "400", "401", "404", "500");
        List.of("400", "401", "404", "500").forEach(status -> assertThat(schemaRefOf(get.getResponses().getAPIResponse(status)))
                .as(status).isEqualTo(ErrorResponsesOpenApiFilter.SCHEMA_REF));
        assertThat(get.getResponses().getAPIResponse("200").getContent()).isNull();
    }

    @Test
    void declaredErrorKeepsItsDescriptionAndGetsTheErrorBody() {
        Operation post = OASFactory.createOperation().responses(OASFactory.createAPIResponses()
                .addAPIResponse("409", OASFactory.createAPIResponse().description("`room_exists`")));
        OpenAPI document = documentWith("/api/rooms", post);

        filter.filterOpenAPI(document);

        APIResponse conflict = post.getResponses().getAPIResponse("409");
        assertThat(conflict.getDescription()).isEqualTo("`room_exists`");
        assertThat(schemaRefOf(conflict)).isEqualTo(ErrorResponsesOpenApiFilter.SCHEMA_REF);
        // no input, no token, no resource in the path: only the 500 is added
        assertThat(post.getResponses().getAPIResponses()).containsOnlyKeys("409", "500");
    }

    @Test
    void pathsOutsideTheRestApiAreLeftAlone() {
        Operation upgrade = OASFactory.createOperation().responses(OASFactory.createAPIResponses()
                .addAPIResponse("401", OASFactory.createAPIResponse().description("No token: nothing opened")));
        OpenAPI document = documentWith("/ws/chat", upgrade);

        filter.filterOpenAPI(document);

        assertThat(upgrade.getResponses().getAPIResponses()).containsOnlyKeys("401");
        assertThat(upgrade.getResponses().getAPIResponse("401").getContent()).isNull();
    }

    @Test
    void aSecondPassChangesNothing() {
        Operation get = OASFactory.createOperation()
                .addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("jwt"));
        OpenAPI document = documentWith("/api/things/{id}", get);
        filter.filterOpenAPI(document);
        Map<String, APIResponse> once = Map.copyOf(get.getResponses().getAPIResponses());

        filter.filterOpenAPI(document);

        assertThat(get.getResponses().getAPIResponses()).isEqualTo(once);
    }

    private static OpenAPI documentWith(String path, Operation operation) {
        return OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem(path, OASFactory.createPathItem().GET(operation)));
    }

    private static String schemaRefOf(APIResponse response) {
        return response.getContent().getMediaType("application/json").getSchema().getRef();
    }
}
