package io.learnhub.common.tracing;

import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;

/**
 * Sends spans to a Zipkin server in addition to the OTLP exporter, when
 * {@code learnhub.tracing.zipkin.endpoint} is set. The no-Docker local run uses it, with Zipkin as
 * its trace UI; deployments leave it unset and export OTLP to the collector only.
 *
 * <p>It is a SpanProcessor rather than a SpanExporter bean on purpose: Quarkus replaces its OTLP
 * exporter by any SpanExporter bean, while SpanProcessor beans are added beside it.
 */
public class ZipkinSpanProcessorProducer {

    private static final Logger LOG = Logger.getLogger(ZipkinSpanProcessorProducer.class);

    @Produces
    @Singleton
    SpanProcessor zipkinSpanProcessor(@ConfigProperty(name = "learnhub.tracing.zipkin.endpoint") Optional<String> endpoint) {
        if (endpoint.isEmpty()) {
            return SpanProcessor.composite();
        }
        LOG.infof("Also exporting spans to Zipkin at %s", endpoint.get());
        return BatchSpanProcessor.builder(ZipkinSpanExporter.builder().setEndpoint(endpoint.get()).build()).build();
    }
}
