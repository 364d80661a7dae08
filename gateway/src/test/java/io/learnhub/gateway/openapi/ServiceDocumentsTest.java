package io.learnhub.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ServiceDocumentsTest {

    private final ObjectMapper json = new ObjectMapper();
    private final ServiceDocuments documents = new ServiceDocuments();

    @Test
    void sameSchemaInTwoServicesIsPublishedOnce() throws Exception {
        JsonNode merged = documents.merge(snapshots(
                "{\"paths\":{\"/api/chat/rooms\":{}},\"components\":{\"schemas\":{\"UUID\":{\"type\":\"string\"}}},\"tags\":[{\"name\":\"x\"}]}",
                "{\"paths\":{\"/api/payments/invoices\":{}},\"components\":{\"schemas\":{\"UUID\":{\"type\":\"string\"}}},\"tags\":[{\"name\":\"x\"}]}"));

        assertThat(merged.path("paths").fieldNames()).toIterable().containsExactly("/api/chat/rooms", "/api/payments/invoices");
        assertThat(merged.at("/components/schemas/UUID/type").asText()).isEqualTo("string");
        assertThat(merged.path("tags")).hasSize(1);
    }

    @Test
    void twoDifferentSchemasOfTheSameNameFailTheBuild() throws Exception {
        Map<String, JsonNode> snapshots = snapshots(
                "{\"components\":{\"schemas\":{\"Money\":{\"type\":\"object\"}}}}",
                "{\"components\":{\"schemas\":{\"Money\":{\"type\":\"string\"}}}}");

        assertThatThrownBy(() -> documents.merge(snapshots))
                .hasMessageContaining("components.schemas.Money of payment-service differs from that of chat-service");
    }

    @Test
    void aPathOfTwoServicesFailsTheBuild() throws Exception {
        Map<String, JsonNode> snapshots = snapshots("{\"paths\":{\"/api/x\":{}}}", "{\"paths\":{\"/api/x\":{}}}");

        assertThatThrownBy(() -> documents.merge(snapshots)).hasMessageContaining("/api/x is documented by both");
    }

    private Map<String, JsonNode> snapshots(String chat, String payment) throws Exception {
        Map<String, JsonNode> snapshots = new LinkedHashMap<>();
        snapshots.put("chat-service", json.readTree(chat));
        snapshots.put("payment-service", json.readTree(payment));
        return snapshots;
    }
}
