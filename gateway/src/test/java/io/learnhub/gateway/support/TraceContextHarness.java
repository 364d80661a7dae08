package io.learnhub.gateway.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.learnhub.gateway.tracing.TraceContextTestResource;
import io.learnhub.testing.TraceResponseHeader;
import io.restassured.http.ContentType;
import io.restassured.http.Header;
import io.restassured.http.Headers;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Plays the W3C Trace Context test harness against the gateway's {@link TraceContextTestResource}:
 * sends it the harness's headers and an array of actions whose URLs are on a
 * {@link RecordingUpstream}, and reads back what the gateway sent there.
 */
public final class TraceContextHarness {

    /** The harness's traceparent check: exactly version 00's shape, lowercase hex. */
    private static final Pattern TRACEPARENT = Pattern.compile("^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$");

    private final RecordingUpstream receiver;

    public TraceContextHarness(RecordingUpstream receiver) {
        this.receiver = receiver;
    }

    /** One call back to the receiver, the request carrying {@code headers} (name, value, name, value...). */
    public Outcome send(String... headers) {
        return send(1, headers);
    }

    /** {@code callbacks} calls back to the receiver, in one request carrying {@code headers}. */
    public Outcome send(int callbacks, String... headers) {
        assertThat(headers.length % 2).as("name, value pairs").isZero();
        List<Header> sent = new ArrayList<>();
        for (int i = 0; i < headers.length; i += 2) {
            sent.add(new Header(headers[i], headers[i + 1]));
        }
        String scope = UUID.randomUUID().toString();
        JsonArray actions = new JsonArray();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < callbacks; i++) {
            String path = "/callback/" + scope + "." + i;
            paths.add(path);
            actions.add(new JsonObject().put("url", "http://127.0.0.1:" + receiver.port() + path).put("arguments", new JsonArray()));
        }
        Response response = given().headers(new Headers(sent)).contentType(ContentType.JSON).body(actions.encode())
                .post(TraceContextTestResource.PATH);
        assertThat(response.statusCode()).as("the test endpoint's status: %s", response.body().asString()).isEqualTo(200);
        return new Outcome(response, paths.stream().map(receiver::awaitRequestTo).toList());
    }

    /** The gateway's answer to the test request and the calls it made, in order. */
    public record Outcome(Response response, List<ReceivedRequest> calls) {

        /** The only call's traceparent, which must be exactly one well-formed header. */
        public Traceparent traceparent() {
            assertThat(calls).hasSize(1);
            return traceparent(0);
        }

        public Traceparent traceparent(int call) {
            List<String> values = calls.get(call).headers().getAll("traceparent");
            assertThat(values).as("traceparent headers sent").hasSize(1);
            return Traceparent.parse(values.get(0));
        }

        /** The only call's tracestate as sent (its header fields joined by commas), or null when none was. */
        public String tracestate() {
            assertThat(calls).hasSize(1);
            List<String> values = calls.get(0).headers().getAll("tracestate");
            return values.isEmpty() ? null : String.join(",", values);
        }

        public TraceResponseHeader traceResponse() {
            return TraceResponseHeader.parse(response.header(TraceResponseHeader.NAME));
        }
    }

    /** A traceparent the gateway sent. */
    public record Traceparent(String version, String traceId, String parentId, String flags) {

        static Traceparent parse(String value) {
            assertThat(value).as("traceparent sent").matches(TRACEPARENT);
            Matcher matcher = TRACEPARENT.matcher(value);
            matcher.matches();
            return new Traceparent(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4));
        }

        /** Whether the trace id is none of {@code ids}: the trace was restarted, not continued. */
        public boolean isNoneOf(String... ids) {
            return Arrays.stream(ids).noneMatch(traceId::equals);
        }
    }
}
