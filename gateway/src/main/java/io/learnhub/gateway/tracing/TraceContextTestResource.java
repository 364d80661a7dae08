package io.learnhub.gateway.tracing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import io.learnhub.gateway.routing.UpstreamProxy;
import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The test endpoint of the W3C Trace Context validation service (w3c/trace-context, test/), in
 * builds of the test profile only: it takes a JSON array of {@code {"url", "arguments"}} actions
 * and, in order, POSTs each action's {@code arguments} as JSON to its {@code url}. Each call is
 * sent as the proxy forwards a request ({@link UpstreamProxy#call}): the same client, headers and
 * CLIENT span, under the server span Quarkus started from the caller's {@code traceparent} and
 * {@code tracestate}. So the harness, or TraceContextConformanceTest, sees exactly the trace
 * context an upstream service gets. It calls any URL it is given, hence never in a production or
 * dev build. docs/trace-context.md says how to run the harness against it.
 */
@Path(TraceContextTestResource.PATH)
@IfBuildProfile("test")
@PermitAll
public class TraceContextTestResource {

    public static final String PATH = "/trace-context/test";

    /** The harness waits 5 s for the whole test request. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(4);

    private final UpstreamProxy proxy;

    TraceContextTestResource(UpstreamProxy proxy) {
        this.proxy = proxy;
    }

    /** Answers with the status of each call, in order, once all have answered. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<List<CallResult>> test(@Context HttpServerRequest inbound, String body) {
        List<Action> actions = Action.listOf(body);
        MultiMap json = MultiMap.caseInsensitiveMultiMap().set(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        return Multi.createFrom().iterable(actions)
                .onItem().transformToUniAndConcatenate(action -> proxy
                        .call(inbound, HttpMethod.POST, action.url(), json, action.arguments(), CALL_TIMEOUT)
                        .map(response -> new CallResult(action.url().toString(), response.statusCode())))
                .collect().asList();
    }

    public record CallResult(String url, int status) {
    }

    /** One element of the harness's array; {@code arguments} is sent as it came ({@code []} when absent). */
    record Action(URI url, byte[] arguments) {

        static List<Action> listOf(String body) {
            try {
                JsonArray array = new JsonArray(body == null || body.isBlank() ? "[]" : body);
                return array.stream().map(Action::of).toList();
            } catch (DecodeException | ClassCastException | IllegalArgumentException | NullPointerException malformed) {
                throw new BadRequestException("The body must be a JSON array of {\"url\", \"arguments\"} objects");
            }
        }

        private static Action of(Object element) {
            JsonObject action = (JsonObject) element;
            URI url = URI.create(action.getString("url"));
            if (url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                throw new IllegalArgumentException("Not an absolute http(s) URL: " + url);
            }
            Object arguments = action.getValue("arguments");
            String encoded = arguments == null ? "[]" : Json.encode(arguments);
            return new Action(url, encoded.getBytes(StandardCharsets.UTF_8));
        }
    }
}
