package io.learnhub.gateway.web;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.All;
import io.quarkus.opentelemetry.runtime.exporter.otlp.tracing.LateBoundSpanProcessor;

/**
 * Sends browsers' spans where the gateway's own go, with the same settings: to the exporter bean
 * when there is one (Zipkin in the local run, the in-memory exporter of tests), else into the
 * batch of Quarkus' OTLP exporter (the collector; endpoint, protocol, TLS and headers from
 * {@code quarkus.otel.exporter.otlp.*}). The spans arrive ended, so they skip sampling and the
 * processors that act when a span starts; the exporters' batching and retries apply as to any span.
 */
@ApplicationScoped
public class BrowserSpanExport {

    private static final Logger LOG = Logger.getLogger(BrowserSpanExport.class);

    private final Instance<SpanExporter> exporters;
    private final List<SpanProcessor> otlpExport;

    BrowserSpanExport(Instance<SpanExporter> exporters, @All List<SpanProcessor> processors) {
        this.exporters = exporters;
        this.otlpExport = processors.stream()
                .filter(processor -> processor instanceof LateBoundSpanProcessor otlp && !otlp.isDelegateNull())
                .toList();
    }

    void export(List<BrowserSpan> spans) {
        exporters.forEach(exporter -> exporter.export(List.copyOf(spans)));
        for (SpanProcessor processor : otlpExport) {
            spans.forEach(processor::onEnd);
        }
        LOG.debugf("Relayed %d browser spans", spans.size());
    }
}
