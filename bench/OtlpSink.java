import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
 * GET /count answers the spans received so far, as one number.
 */
public class OtlpSink {

    private static final AtomicLong SPANS = new AtomicLong();

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 64);
        server.createContext("/v1/traces", OtlpSink::export);
        server.createContext("/count", exchange -> answer(exchange, 200, Long.toString(SPANS.get()).getBytes(StandardCharsets.US_ASCII)));
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        System.out.println("OTLP sink on 127.0.0.1:" + args[0]);
    }

    private static void export(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
            byte[] request = (gzip ? new GZIPInputStream(body) : body).readAllBytes();
            SPANS.addAndGet(countSpans(request));
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
     * Span. Only those length-delimited fields are walked; every other field is skipped.
     */
    private static long countSpans(byte[] request) {
        long spans = 0;
        for (int[] resourceSpans : Protobuf.fields(request, 0, request.length, 1)) {
            for (int[] scopeSpans : Protobuf.fields(request, resourceSpans[0], resourceSpans[1], 2)) {
                spans += Protobuf.fields(request, scopeSpans[0], scopeSpans[1], 2).size();
            }
        }
        return spans;
    }

    /** Just enough of the protobuf wire format to find length-delimited fields. */
    static final class Protobuf {

        /** The [start, end) of every length-delimited field NUMBER between start and end. */
        static java.util.List<int[]> fields(byte[] data, int start, int end, int number) {
            java.util.List<int[]> found = new java.util.ArrayList<>();
            int[] position = {start};
            while (position[0] < end) {
                long key = varint(data, position);
                int wireType = (int) (key & 7);
                switch (wireType) {
                    case 0 -> varint(data, position);
                    case 1 -> position[0] += 8;
                    case 5 -> position[0] += 4;
                    case 2 -> {
                        int length = (int) varint(data, position);
                        if (key >>> 3 == number) {
                            found.add(new int[] {position[0], position[0] + length});
                        }
                        position[0] += length;
                    }
                    default -> throw new IllegalArgumentException("wire type " + wireType + " in an OTLP request");
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
