package io.learnhub.e2e;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * A real OTLP/HTTP trace receiver, standing in for the OpenTelemetry Collector: the services
 * export to it exactly as they would in production ({@code POST /v1/traces},
 * {@code application/x-protobuf}, optionally gzip-compressed), and tests query what arrived.
 *
 * <p>Thread-safe: the HTTP threads append, test threads read snapshots.
 */
public final class OtlpReceiver implements AutoCloseable {

    public static final String TRACES_PATH = "/v1/traces";
    private static final String PROTOBUF = "application/x-protobuf";
    private static final HexFormat HEX = HexFormat.of();

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<ReceivedSpan> spans = new ArrayList<>();
    private final AtomicInteger rejectedRequests = new AtomicInteger();
    private final AtomicInteger gzipRequests = new AtomicInteger();

    private OtlpReceiver(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Listens on a free port of every local address, so {@code http://localhost:<port>} works
     * whether {@code localhost} resolves to IPv4 or IPv6.
     */
    public static OtlpReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(0), 0);
            ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "otlp-receiver");
                thread.setDaemon(true);
                return thread;
            });
            OtlpReceiver receiver = new OtlpReceiver(server, executor);
            server.createContext("/", receiver::handle);
            server.setExecutor(executor);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the OTLP receiver", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The value for {@code quarkus.otel.exporter.otlp.traces.endpoint}: exporters append {@value #TRACES_PATH}. */
    public String endpoint() {
        return "http://localhost:" + port();
    }

    /** Export requests answered with an error (wrong path, method, content type or undecodable body). */
    public int rejectedRequests() {
        return rejectedRequests.get();
    }

    /** Accepted export requests that came gzip-compressed. */
    public int gzipRequests() {
        return gzipRequests.get();
    }

    public List<ReceivedSpan> spans() {
        synchronized (spans) {
            return List.copyOf(spans);
        }
    }

    public List<ReceivedSpan> spansOfTrace(String traceId) {
        return spans().stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    public Set<String> servicesOfTrace(String traceId) {
        Set<String> services = new LinkedHashSet<>();
        spansOfTrace(traceId).forEach(span -> services.add(span.serviceName()));
        return services;
    }

    /** Waits until the trace's spans satisfy {@code condition}, and returns them. */
    public List<ReceivedSpan> awaitTrace(String traceId, Predicate<List<ReceivedSpan>> condition, Duration timeout) {
        try {
            return Awaitility.await("trace " + traceId)
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> spansOfTrace(traceId), condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Trace " + traceId + " did not reach the expected state within " + timeout
                    + "; it has " + describe(spansOfTrace(traceId)), e);
        }
    }

    /** Waits until the trace has spans from every one of {@code services}, and returns them. */
    public List<ReceivedSpan> awaitTraceWithServices(String traceId, Set<String> services, Duration timeout) {
        return awaitTrace(traceId, received -> received.stream()
                .map(ReceivedSpan::serviceName)
                .collect(Collectors.toSet())
                .containsAll(services), timeout);
    }

    public static String describe(List<ReceivedSpan> spans) {
        if (spans.isEmpty()) {
            return "no spans";
        }
        StringBuilder text = new StringBuilder(spans.size() + " spans:");
        spans.forEach(span -> text.append("\n  ").append(span));
        return text.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!TRACES_PATH.equals(exchange.getRequestURI().getPath())) {
                reject(exchange, 404);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                reject(exchange, 405);
                return;
            }
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType == null || !contentType.startsWith(PROTOBUF)) {
                // OTLP/JSON is legal but nothing here sends it; fail loudly rather than drop spans
                reject(exchange, 415);
                return;
            }
            ExportTraceServiceRequest request;
            try {
                request = ExportTraceServiceRequest.parseFrom(body(exchange));
            } catch (InvalidProtocolBufferException e) {
                reject(exchange, 400);
                return;
            }
            List<ReceivedSpan> decoded = decode(request);
            synchronized (spans) {
                spans.addAll(decoded);
            }
            byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", PROTOBUF);
            exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
            if (response.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response);
                }
            }
        }
    }

    private void reject(HttpExchange exchange, int status) throws IOException {
        rejectedRequests.incrementAndGet();
        exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
        exchange.sendResponseHeaders(status, -1);
    }

    private byte[] body(HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null && encoding.equalsIgnoreCase("gzip")) {
            gzipRequests.incrementAndGet();
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                return in.readAllBytes();
            }
        }
        return raw;
    }

    static List<ReceivedSpan> decode(ExportTraceServiceRequest request) {
        List<ReceivedSpan> decoded = new ArrayList<>();
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            String serviceName = serviceName(resourceSpans.getResource());
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                for (Span span : scopeSpans.getSpansList()) {
                    decoded.add(decode(serviceName, span));
                }
            }
        }
        return decoded;
    }

    private static ReceivedSpan decode(String serviceName, Span span) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        putAll(attributes, span.getAttributesList());
        return new ReceivedSpan(
                serviceName,
                hex(span.getTraceId()),
                hex(span.getSpanId()),
                span.getParentSpanId().isEmpty() ? null : hex(span.getParentSpanId()),
                span.getName(),
                kind(span.getKind()),
                status(span.getStatus().getCode()),
                span.getStatus().getMessage(),
                attributes,
                span.getEventsList().stream().map(Span.Event::getName).toList(),
                span.getStartTimeUnixNano(),
                span.getEndTimeUnixNano());
    }

    private static String serviceName(Resource resource) {
        return resource.getAttributesList().stream()
                .filter(attribute -> attribute.getKey().equals("service.name"))
                .map(KeyValue::getValue)
                .map(AnyValue::getStringValue)
                .findFirst()
                .orElse("unknown_service");
    }

    /** Empty values are left out, so a decoded attribute is never {@code null}. */
    private static void putAll(Map<String, Object> target, List<KeyValue> keyValues) {
        for (KeyValue keyValue : keyValues) {
            Object value = value(keyValue.getValue());
            if (value != null) {
                target.put(keyValue.getKey(), value);
            }
        }
    }

    private static Object value(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> value.getBoolValue();
            case INT_VALUE -> value.getIntValue();
            case DOUBLE_VALUE -> value.getDoubleValue();
            case BYTES_VALUE -> hex(value.getBytesValue());
            case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(OtlpReceiver::value).toList();
            case KVLIST_VALUE -> {
                Map<String, Object> map = new LinkedHashMap<>();
                putAll(map, value.getKvlistValue().getValuesList());
                yield map;
            }
            case VALUE_NOT_SET -> null;
        };
    }

    private static ReceivedSpan.Kind kind(Span.SpanKind kind) {
        return switch (kind) {
            case SPAN_KIND_INTERNAL -> ReceivedSpan.Kind.INTERNAL;
            case SPAN_KIND_SERVER -> ReceivedSpan.Kind.SERVER;
            case SPAN_KIND_CLIENT -> ReceivedSpan.Kind.CLIENT;
            case SPAN_KIND_PRODUCER -> ReceivedSpan.Kind.PRODUCER;
            case SPAN_KIND_CONSUMER -> ReceivedSpan.Kind.CONSUMER;
            default -> ReceivedSpan.Kind.UNSPECIFIED;
        };
    }

    private static ReceivedSpan.Status status(io.opentelemetry.proto.trace.v1.Status.StatusCode code) {
        return switch (code) {
            case STATUS_CODE_OK -> ReceivedSpan.Status.OK;
            case STATUS_CODE_ERROR -> ReceivedSpan.Status.ERROR;
            default -> ReceivedSpan.Status.UNSET;
        };
    }

    private static String hex(ByteString bytes) {
        return HEX.formatHex(bytes.toByteArray());
    }
}
