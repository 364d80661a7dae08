import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The benchmark's trace receiver: it accepts OTLP/HTTP protobuf exports (POST /v1/traces), counts
 * the spans in them and throws them away. It stands in for the OpenTelemetry Collector, which in
 * production runs on other machines than the services: what it costs here is as little as a
 * receiver can cost, so a traced/untraced ratio measures the services' own tracing work.
 *
 *   java bench/OtlpSink.java PORT
 *
 * GET /count answers the spans received so far, as one number. GET /errors answers, as JSON, the
 * spans received and those with status ERROR, by service (resource attribute service.name) and
 * span name, each with its first few error spans described (status message, attributes, exception
 * events), so a soak can say which spans failed and why.
 */
public class OtlpSink {

    private static final AtomicLong SPANS = new AtomicLong();
    /** "service\u0000span name" → the error spans of that name; guarded by itself. */
    private static final Map<String, ErrorSpans> ERRORS = new TreeMap<>();
    /** Error spans described in full per service and span name; later ones are only counted. */
    private static final int SAMPLES_KEPT = 3;
    /** Attribute values kept in a description, in characters. */
    private static final int ATTRIBUTE_LENGTH = 600;
    /** Span.status (field 15): Status.code (field 3) STATUS_CODE_ERROR. */
    private static final long STATUS_CODE_ERROR = 2;

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 64);
        server.createContext("/v1/traces", OtlpSink::export);
        server.createContext("/count", exchange -> answer(exchange, 200, Long.toString(SPANS.get()).getBytes(StandardCharsets.US_ASCII)));
        server.createContext("/errors", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            answer(exchange, 200, errorsJson().getBytes(StandardCharsets.UTF_8));
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        System.out.println("OTLP sink on 127.0.0.1:" + args[0]);
    }

    private static void export(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
            byte[] request = (gzip ? new GZIPInputStream(body) : body).readAllBytes();
            SPANS.addAndGet(countSpans(request));
        } catch (RuntimeException unreadable) {
            // the HTTP server would close the connection without a word
            unreadable.printStackTrace();
            answer(exchange, 400, unreadable.toString().getBytes(StandardCharsets.UTF_8));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
        // an empty ExportTraceServiceResponse: everything accepted
        answer(exchange, 200, new byte[0]);
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    /**
     * ExportTraceServiceRequest: field 1 ResourceSpans; in it field 2 ScopeSpans; in that field 2
     * Span. Only those length-delimited fields are walked; every other field is skipped. A span
     * whose status is ERROR is recorded under its service's name.
     */
    private static long countSpans(byte[] request) {
        long spans = 0;
        for (int[] resourceSpans : Protobuf.fields(request, 0, request.length, 1)) {
            String service = null;
            for (int[] scopeSpans : Protobuf.fields(request, resourceSpans[0], resourceSpans[1], 2)) {
                for (int[] span : Protobuf.fields(request, scopeSpans[0], scopeSpans[1], 2)) {
                    spans++;
                    if (isError(request, span)) {
                        if (service == null) {
                            service = serviceName(request, resourceSpans);
                        }
                        recordError(service, request, span);
                    }
                }
            }
        }
        return spans;
    }

    private static boolean isError(byte[] data, int[] span) {
        for (int[] status : Protobuf.fields(data, span[0], span[1], 15)) {
            if (Protobuf.varintField(data, status[0], status[1], 3) == STATUS_CODE_ERROR) {
                return true;
            }
        }
        return false;
    }

    /** ResourceSpans.resource (field 1): its service.name attribute. */
    private static String serviceName(byte[] data, int[] resourceSpans) {
        for (int[] resource : Protobuf.fields(data, resourceSpans[0], resourceSpans[1], 1)) {
            String name = attributes(data, resource, 1).get("service.name");
            if (name != null) {
                return name;
            }
        }
        return "(no service.name)";
    }

    private static void recordError(String service, byte[] data, int[] span) {
        String name = firstString(data, span, 5);
        synchronized (ERRORS) {
            ErrorSpans errors = ERRORS.computeIfAbsent(service + "\u0000" + name, key -> new ErrorSpans(service, name));
            errors.count++;
            if (errors.samples.size() < SAMPLES_KEPT) {
                errors.samples.add(describe(data, span));
            }
        }
    }

    /** An error span in one line: its status message, its attributes and its events (exceptions) with theirs. */
    private static String describe(byte[] data, int[] span) {
        StringBuilder line = new StringBuilder();
        for (int[] status : Protobuf.fields(data, span[0], span[1], 15)) {
            String message = firstString(data, status, 2);
            if (!message.isEmpty()) {
                line.append("status: ").append(message).append("; ");
            }
        }
        line.append("attributes: ").append(attributes(data, span, 9));
        for (int[] event : Protobuf.fields(data, span[0], span[1], 11)) {
            line.append("; event ").append(firstString(data, event, 2)).append(": ").append(attributes(data, event, 3));
        }
        return line.toString();
    }

    /** The KeyValue fields NUMBER of a message: key (1) → value (2, an AnyValue: string 1, bool 2, int 3). */
    private static Map<String, String> attributes(byte[] data, int[] message, int number) {
        Map<String, String> attributes = new TreeMap<>();
        for (int[] keyValue : Protobuf.fields(data, message[0], message[1], number)) {
            String key = firstString(data, keyValue, 1);
            for (int[] value : Protobuf.fields(data, keyValue[0], keyValue[1], 2)) {
                List<int[]> string = Protobuf.fields(data, value[0], value[1], 1);
                long integer = Protobuf.varintField(data, value[0], value[1], 3);
                long bool = Protobuf.varintField(data, value[0], value[1], 2);
                attributes.put(key, !string.isEmpty() ? shortened(text(data, string.get(0)))
                        : integer >= 0 ? Long.toString(integer) : bool >= 0 ? Boolean.toString(bool == 1) : "(other)");
            }
        }
        return attributes;
    }

    /** An attribute as long as a stack trace is cut: its first lines say what failed. */
    private static String shortened(String value) {
        return value.length() <= ATTRIBUTE_LENGTH ? value : value.substring(0, ATTRIBUTE_LENGTH) + "…";
    }

    private static String firstString(byte[] data, int[] message, int number) {
        List<int[]> found = Protobuf.fields(data, message[0], message[1], number);
        return found.isEmpty() ? "" : text(data, found.get(0));
    }

    private static String text(byte[] data, int[] range) {
        return new String(data, range[0], range[1] - range[0], StandardCharsets.UTF_8);
    }

    private static String errorsJson() {
        StringBuilder json = new StringBuilder("{\"spans\":").append(SPANS.get()).append(",\"errors\":[");
        long total = 0;
        synchronized (ERRORS) {
            String separator = "";
            for (ErrorSpans errors : ERRORS.values()) {
                total += errors.count;
                json.append(separator).append("{\"service\":").append(quoted(errors.service))
                        .append(",\"name\":").append(quoted(errors.name))
                        .append(",\"count\":").append(errors.count).append(",\"samples\":[");
                for (int i = 0; i < errors.samples.size(); i++) {
                    json.append(i == 0 ? "" : ",").append(quoted(errors.samples.get(i)));
                }
                json.append("]}");
                separator = ",";
            }
        }
        return json.append("],\"error_spans\":").append(total).append('}').toString();
    }

    private static String quoted(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    /** The error spans of one service and span name. */
    private static final class ErrorSpans {
        final String service;
        final String name;
        long count;
        final List<String> samples = new ArrayList<>();

        ErrorSpans(String service, String name) {
            this.service = service;
            this.name = name;
        }
    }

    /** Just enough of the protobuf wire format to find length-delimited and varint fields. */
    static final class Protobuf {

        /** The value of the first varint field NUMBER between start and end; -1 when there is none. */
        static long varintField(byte[] data, int start, int end, int number) {
            List<long[]> found = matching(data, start, end, number, 0);
            return found.isEmpty() ? -1 : found.get(0)[0];
        }

        /** The [start, end) of every length-delimited field NUMBER between start and end. */
        static List<int[]> fields(byte[] data, int start, int end, int number) {
            return matching(data, start, end, number, 2).stream().map(range -> new int[] {(int) range[0], (int) range[1]}).toList();
        }

        /** Every field NUMBER of WIRE_TYPE between start and end: a varint's {value}, a length-delimited field's {start, end}. */
        private static List<long[]> matching(byte[] data, int start, int end, int number, int wireType) {
            List<long[]> found = new ArrayList<>();
            int[] position = {start};
            while (position[0] < end) {
                long key = varint(data, position);
                int type = (int) (key & 7);
                boolean wanted = key >>> 3 == number && type == wireType;
                switch (type) {
                    case 0 -> {
                        long value = varint(data, position);
                        if (wanted) {
                            found.add(new long[] {value});
                        }
                    }
                    case 1 -> position[0] += 8;
                    case 5 -> position[0] += 4;
                    case 2 -> {
                        int length = (int) varint(data, position);
                        if (wanted) {
                            found.add(new long[] {position[0], position[0] + length});
                        }
                        position[0] += length;
                    }
                    default -> throw new IllegalArgumentException("wire type " + type + " in an OTLP request");
                }
            }
            return found;
        }

        private static long varint(byte[] data, int[] position) {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = data[position[0]++];
                value |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    return value;
                }
            }
        }
    }
}
