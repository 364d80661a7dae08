package io.learnhub.e2e;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import com.google.protobuf.ByteString;

import io.learnhub.testing.TraceTree;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * A real OTLP/gRPC trace receiver, standing in for the OpenTelemetry Collector: the services
 * export to it exactly as they do in production (gRPC over HTTP/2 cleartext, unary
 * {@value #EXPORT_PATH}, optionally gzip-compressed), and tests query what arrived as
 * {@link SpanData}, the same model the services' own tests read from their in-memory exporters.
 *
 * <p>Thread-safe: the event loop appends, test threads read snapshots.
 */
public final class OtlpReceiver implements AutoCloseable {

    public static final String EXPORT_PATH = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";
    private static final String GRPC = "application/grpc";
    /** gRPC status codes (grpc/doc/statuscodes.md). */
    private static final int OK = 0;
    private static final int INVALID_ARGUMENT = 3;
    private static final int UNIMPLEMENTED = 12;
    private static final HexFormat HEX = HexFormat.of();
    private static final int RECENT_EXPORTS = 30;

    private final Vertx vertx;
    private final HttpServer server;
    private final List<SpanData> spans = new ArrayList<>();
    /** When each accepted export arrived, from which services, with how many spans: printed when a trace is late. */
    private final Deque<String> recentExports = new ArrayDeque<>();
    private final AtomicInteger rejectedRequests = new AtomicInteger();
    private final AtomicInteger gzipRequests = new AtomicInteger();

    private OtlpReceiver(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    public static OtlpReceiver start() {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        try {
            // h2c: HTTP/2 with prior knowledge (gRPC clients) on a plain socket, HTTP/1.1 otherwise
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(true));
            OtlpReceiver receiver = new OtlpReceiver(vertx, server);
            server.requestHandler(receiver::handle)
                    .listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return receiver;
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("Cannot start the OTLP receiver", e);
        }
    }

    public int port() {
        return server.actualPort();
    }

    /** The value for {@code quarkus.otel.exporter.otlp.traces.endpoint} with protocol grpc. */
    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    /** Requests answered with an error status (wrong path, method, content type or undecodable message). */
    public int rejectedRequests() {
        return rejectedRequests.get();
    }

    /** Accepted export requests whose message came gzip-compressed. */
    public int gzipRequests() {
        return gzipRequests.get();
    }

    public List<SpanData> spans() {
        synchronized (spans) {
            return List.copyOf(spans);
        }
    }

    public List<String> recentExports() {
        synchronized (spans) {
            return List.copyOf(recentExports);
        }
    }

    public List<SpanData> spansOfTrace(String traceId) {
        return spans().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    public TraceTree trace(String traceId) {
        return new TraceTree(spansOfTrace(traceId));
    }

    /** Waits until the trace's spans satisfy {@code condition}, and returns them. */
    public TraceTree awaitTrace(String traceId, Predicate<TraceTree> condition, Duration timeout) {
        try {
            return Awaitility.await("trace " + traceId)
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> trace(traceId), condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Trace " + traceId + " did not reach the expected state within " + timeout
                    + "; it has " + trace(traceId).describe() + "\nlast exports received (now " + Instant.now() + "):\n  "
                    + String.join("\n  ", recentExports()), e);
        }
    }

    /**
     * Waits until {@code assertion} holds on the trace (late batches may still land), and returns
     * the trace it held on. Fails with the assertion's own error, which describes the trace, rather
     * than with a timeout.
     */
    public TraceTree awaitTraceSatisfying(String traceId, Consumer<TraceTree> assertion, Duration timeout) {
        AtomicReference<TraceTree> last = new AtomicReference<>();
        try {
            Awaitility.await("trace " + traceId).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> {
                        TraceTree trace = trace(traceId);
                        last.set(trace);
                        assertion.accept(trace);
                    });
        } catch (ConditionTimeoutException e) {
            if (e.getCause() instanceof AssertionError assertionError) {
                throw assertionError;
            }
            throw e;
        }
        return last.get();
    }

    /** Waits until the trace has spans from every one of {@code services}, and returns them. */
    public TraceTree awaitTraceWithServices(String traceId, Set<String> services, Duration timeout) {
        return awaitTrace(traceId, trace -> trace.spans().stream()
                .map(TraceTree::serviceName)
                .collect(Collectors.toSet())
                .containsAll(services), timeout);
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop the OTLP receiver", e);
        }
    }

    private void handle(HttpServerRequest request) {
        String contentType = request.getHeader("content-type");
        if (request.method() != HttpMethod.POST || contentType == null || !contentType.startsWith(GRPC)) {
            // OTLP/HTTP or anything else: the services must speak gRPC, as in production
            rejectedRequests.incrementAndGet();
            request.response().setStatusCode(415).end();
            return;
        }
        if (!EXPORT_PATH.equals(request.path())) {
            answer(request, UNIMPLEMENTED, null);
            return;
        }
        request.body().onSuccess(body -> {
            ExportTraceServiceRequest export;
            try {
                export = ExportTraceServiceRequest.parseFrom(message(body, request.getHeader("grpc-encoding")));
            } catch (IOException | IllegalArgumentException e) {
                answer(request, INVALID_ARGUMENT, null);
                return;
            }
            List<SpanData> decoded = decode(export);
            synchronized (spans) {
                spans.addAll(decoded);
                recentExports.addLast(Instant.now() + " " + decoded.size() + " spans from "
                        + decoded.stream().map(TraceTree::serviceName).distinct().toList());
                if (recentExports.size() > RECENT_EXPORTS) {
                    recentExports.removeFirst();
                }
            }
            answer(request, OK, ExportTraceServiceResponse.getDefaultInstance().toByteArray());
        });
    }

    /** The one length-prefixed message of a unary call: 1 byte "compressed", 4 bytes length, the bytes. */
    private byte[] message(Buffer body, String encoding) throws IOException {
        if (body.length() < 5) {
            throw new IllegalArgumentException("No gRPC message frame");
        }
        boolean compressed = body.getByte(0) == 1;
        int length = body.getInt(1);
        if (body.length() != 5 + length) {
            throw new IllegalArgumentException("One gRPC message expected");
        }
        byte[] message = body.getBytes(5, 5 + length);
        if (!compressed) {
            return message;
        }
        if (!"gzip".equalsIgnoreCase(encoding)) {
            throw new IllegalArgumentException("Unsupported grpc-encoding " + encoding);
        }
        gzipRequests.incrementAndGet();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(message))) {
            return in.readAllBytes();
        }
    }

    private void answer(HttpServerRequest request, int grpcStatus, byte[] message) {
        if (grpcStatus != OK) {
            rejectedRequests.incrementAndGet();
        }
        var response = request.response().setStatusCode(200).putHeader("content-type", GRPC);
        if (message != null) {
            response.write(Buffer.buffer(ByteBuffer.allocate(5 + message.length).put((byte) 0).putInt(message.length)
                    .put(message).array()));
        }
        response.putTrailer("grpc-status", Integer.toString(grpcStatus)).end();
    }

    static List<SpanData> decode(ExportTraceServiceRequest request) {
        List<SpanData> decoded = new ArrayList<>();
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            Resource resource = Resource.create(attributes(resourceSpans.getResource().getAttributesList()));
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                InstrumentationScopeInfo scope = scope(scopeSpans.getScope());
                for (Span span : scopeSpans.getSpansList()) {
                    decoded.add(decode(resource, scope, span));
                }
            }
        }
        return decoded;
    }

    private static SpanData decode(Resource resource, InstrumentationScopeInfo scope, Span span) {
        String traceId = hex(span.getTraceId());
        List<EventData> events = span.getEventsList().stream()
                .map(event -> EventData.create(event.getTimeUnixNano(), event.getName(), attributes(event.getAttributesList())))
                .toList();
        Attributes attributes = attributes(span.getAttributesList());
        return TestSpanData.builder()
                .setResource(resource)
                .setInstrumentationScopeInfo(scope)
                .setSpanContext(SpanContext.create(traceId, hex(span.getSpanId()), TraceFlags.getSampled(), TraceState.getDefault()))
                .setParentSpanContext(span.getParentSpanId().isEmpty() ? SpanContext.getInvalid()
                        : SpanContext.create(traceId, hex(span.getParentSpanId()), TraceFlags.getSampled(), TraceState.getDefault()))
                .setName(span.getName())
                .setKind(kind(span.getKind()))
                .setStatus(StatusData.create(status(span.getStatus().getCode()), span.getStatus().getMessage()))
                .setAttributes(attributes)
                .setTotalAttributeCount(attributes.size())
                .setEvents(events)
                .setTotalRecordedEvents(events.size())
                .setTotalRecordedLinks(0)
                .setStartEpochNanos(span.getStartTimeUnixNano())
                .setEndEpochNanos(span.getEndTimeUnixNano())
                .setHasEnded(true)
                .build();
    }

    private static InstrumentationScopeInfo scope(InstrumentationScope scope) {
        return scope.getVersion().isEmpty() ? InstrumentationScopeInfo.create(scope.getName())
                : InstrumentationScopeInfo.builder(scope.getName()).setVersion(scope.getVersion()).build();
    }

    /** OTLP values with their types; nested key-value lists and bytes are kept as text. */
    private static Attributes attributes(List<KeyValue> keyValues) {
        AttributesBuilder builder = Attributes.builder();
        for (KeyValue keyValue : keyValues) {
            String key = keyValue.getKey();
            AnyValue value = keyValue.getValue();
            switch (value.getValueCase()) {
                case STRING_VALUE -> builder.put(key, value.getStringValue());
                case BOOL_VALUE -> builder.put(key, value.getBoolValue());
                case INT_VALUE -> builder.put(key, value.getIntValue());
                case DOUBLE_VALUE -> builder.put(key, value.getDoubleValue());
                case BYTES_VALUE -> builder.put(key, hex(value.getBytesValue()));
                case ARRAY_VALUE -> builder.put(AttributeKey.stringArrayKey(key), value.getArrayValue().getValuesList().stream()
                        .map(OtlpReceiver::text).toList());
                case KVLIST_VALUE -> builder.put(key, value.getKvlistValue().toString());
                case VALUE_NOT_SET -> {
                }
            }
        }
        return builder.build();
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            default -> value.toString();
        };
    }

    private static SpanKind kind(Span.SpanKind kind) {
        return switch (kind) {
            case SPAN_KIND_SERVER -> SpanKind.SERVER;
            case SPAN_KIND_CLIENT -> SpanKind.CLIENT;
            case SPAN_KIND_PRODUCER -> SpanKind.PRODUCER;
            case SPAN_KIND_CONSUMER -> SpanKind.CONSUMER;
            default -> SpanKind.INTERNAL;
        };
    }

    private static StatusCode status(io.opentelemetry.proto.trace.v1.Status.StatusCode code) {
        return switch (code) {
            case STATUS_CODE_OK -> StatusCode.OK;
            case STATUS_CODE_ERROR -> StatusCode.ERROR;
            default -> StatusCode.UNSET;
        };
    }

    private static String hex(ByteString bytes) {
        return HEX.formatHex(bytes.toByteArray());
    }
}
