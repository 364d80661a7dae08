package io.learnhub.common.testapp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.learnhub.common.correlation.CorrelationId;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code learnhub.tracing.exporter=zipkin}, as the no-Docker local run sets it: spans reach the
 * Zipkin server, and the OTLP exporter is not installed at all (nothing even tries to connect to
 * its endpoint), so no exporter keeps failing against a collector that does not exist.
 */
@QuarkusTest
@TestProfile(ZipkinExportTest.ZipkinOnly.class)
class ZipkinExportTest {

    public static class ZipkinOnly implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            // the real exporters, not the tests' in-memory one (which would displace both)
            return Map.of("learnhub.tracing.exporter", "zipkin",
                    "quarkus.arc.exclude-types", "io.learnhub.testing.InMemorySpanExporterProducer");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Receivers.class));
        }
    }

    /** A Zipkin intake that keeps what it is sent, and an OTLP endpoint that counts who connects. */
    public static class Receivers implements QuarkusTestResourceLifecycleManager {

        static final List<String> ZIPKIN_BODIES = new CopyOnWriteArrayList<>();
        static final AtomicInteger OTLP_CONNECTIONS = new AtomicInteger();

        private HttpServer zipkin;
        private ServerSocket otlp;

        @Override
        public Map<String, String> start() {
            try {
                zipkin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                zipkin.createContext("/api/v2/spans", exchange -> {
                    InputStream body = exchange.getRequestBody();
                    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                        body = new GZIPInputStream(body);
                    }
                    ZIPKIN_BODIES.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
                    exchange.sendResponseHeaders(202, -1);
                    exchange.close();
                });
                zipkin.start();
                otlp = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                Thread acceptor = new Thread(this::countOtlpConnections, "fake-otlp");
                acceptor.setDaemon(true);
                acceptor.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of(
                    "learnhub.tracing.zipkin.endpoint", "http://127.0.0.1:" + zipkin.getAddress().getPort() + "/api/v2/spans",
                    "quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:" + otlp.getLocalPort());
        }

        private void countOtlpConnections() {
            while (!otlp.isClosed()) {
                try (Socket ignored = otlp.accept()) {
                    OTLP_CONNECTIONS.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        @Override
        public void stop() {
            zipkin.stop(0);
            try {
                otlp.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void spansGoToZipkinAndNothingConnectsToTheOtlpEndpoint() {
        given().header(CorrelationId.HEADER, "zipkin-only-1").get("/probe/correlation").then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> Receivers.ZIPKIN_BODIES.stream().anyMatch(body -> body.contains("zipkin-only-1")));
        // the OTLP batch would have been due as long ago as the Zipkin one: give it a second more
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> Receivers.OTLP_CONNECTIONS.get() == 0);
        assertThat(Receivers.OTLP_CONNECTIONS).hasValue(0);
    }
}
