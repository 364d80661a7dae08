package io.learnhub.gateway.openapi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASModelReader;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.openapi.api.SmallRyeOpenAPI;

/**
 * The services' part of the gateway's OpenAPI document, read at build time
 * ({@code mp.openapi.model.reader}): the document each service's build stored, kept as
 * {@code openapi/<service>.json} on the classpath and refreshed with
 * {@code infra/local/refresh-openapi}, merged into one. Their paths and components go in as they
 * are; META-INF/openapi.yaml adds the gateway's own part on top.
 *
 * <p>The build fails when two services document the same path, or the same component name with
 * different content (two classes of the same simple name): published together, one would silently
 * replace the other.
 */
public class ServiceDocuments implements OASModelReader {

    /** The services behind the gateway's prefixes, as in UpstreamRoutes; one snapshot each. */
    static final List<String> SERVICES = List.of("chat-service", "payment-service", "report-service");
    static final String SNAPSHOT_DIRECTORY = "openapi/";
    static final String REFRESH_COMMAND = "infra/local/refresh-openapi";

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public OpenAPI buildModel() {
        Map<String, JsonNode> snapshots = new LinkedHashMap<>();
        SERVICES.forEach(service -> snapshots.put(service, read(service)));
        byte[] merged = write(merge(snapshots));
        return SmallRyeOpenAPI.builder()
                .withConfig(ConfigProvider.getConfig())
                .enableModelReader(false)
                .enableStandardStaticFiles(false)
                .enableAnnotationScan(false)
                .enableStandardFilter(false)
                .withCustomStaticFile(() -> new ByteArrayInputStream(merged))
                .build()
                .model();
    }

    /** One document of the snapshots' paths, components and tags (their info and servers are the services' own). */
    ObjectNode merge(Map<String, JsonNode> snapshots) {
        ObjectNode merged = json.createObjectNode();
        merged.put("openapi", "3.1.0");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        ArrayNode tags = merged.putArray("tags");
        Map<String, String> owners = new LinkedHashMap<>();
        List<String> tagNames = new ArrayList<>();
        snapshots.forEach((service, snapshot) -> {
            snapshot.path("paths").fields().forEachRemaining(path -> {
                String previous = owners.putIfAbsent("path " + path.getKey(), service);
                if (previous != null) {
                    throw conflict("path " + path.getKey() + " is documented by both " + previous + " and " + service);
                }
                paths.set(path.getKey(), path.getValue());
            });
            snapshot.path("components").fields().forEachRemaining(section -> {
                ObjectNode mergedSection = components.has(section.getKey()) ? (ObjectNode) components.get(section.getKey())
                        : components.putObject(section.getKey());
                for (Iterator<Map.Entry<String, JsonNode>> entries = section.getValue().fields(); entries.hasNext();) {
                    Map.Entry<String, JsonNode> entry = entries.next();
                    JsonNode existing = mergedSection.get(entry.getKey());
                    String name = section.getKey() + "." + entry.getKey();
                    if (existing != null && !existing.equals(entry.getValue())) {
                        throw conflict("components." + name + " of " + service + " differs from that of " + owners.get(name)
                                + ": give one of the two classes another name");
                    }
                    owners.putIfAbsent(name, service);
                    mergedSection.set(entry.getKey(), entry.getValue());
                }
            });
            snapshot.path("tags").forEach(tag -> {
                if (!tagNames.contains(tag.path("name").asText())) {
                    tagNames.add(tag.path("name").asText());
                    tags.add(tag);
                }
            });
        });
        return merged;
    }

    private JsonNode read(String service) {
        String resource = SNAPSHOT_DIRECTORY + service + ".json";
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No " + resource + " on the gateway's classpath: run " + REFRESH_COMMAND);
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    private byte[] write(JsonNode document) {
        try {
            return json.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IllegalStateException conflict(String what) {
        return new IllegalStateException("The services' OpenAPI documents cannot be published as one: " + what);
    }
}
