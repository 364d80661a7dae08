package io.learnhub.common.tracing;

import java.net.URI;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import io.quarkus.arc.lookup.LookupIfProperty;

/**
 * The Zipkin exporter, looked up only when {@code learnhub.tracing.exporter=zipkin}. Quarkus
 * installs its OTLP exporter only while no SpanExporter bean can be looked up, and exports to the
 * ones that can, so this switch replaces OTLP rather than adding to it: no exporter keeps failing
 * against a collector that is not there.
 */
public class ZipkinSpanExporterProducer {

    private static final Logger LOG = Logger.getLogger(ZipkinSpanExporterProducer.class);

    @Produces
    @Singleton
    @Unremovable
    @LookupIfProperty(name = "learnhub.tracing.exporter", stringValue = TracingConfig.ZIPKIN)
    SpanExporter zipkinSpanExporter(TracingConfig config) {
        URI endpoint = config.zipkin().endpoint().orElseThrow(() -> new IllegalStateException(
                "learnhub.tracing.exporter=zipkin needs learnhub.tracing.zipkin.endpoint (LEARNHUB_TRACING_ZIPKIN_ENDPOINT)"));
        LOG.infof("Exporting spans to Zipkin at %s, not over OTLP", endpoint);
        return ZipkinSpanExporter.builder().setEndpoint(endpoint.toString()).build();
    }
}
