package io.learnhub.testing;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * With a SpanExporter bean present, Quarkus exports the spans of a @QuarkusTest to it and drops
 * its OTLP exporter: tests read back exactly what the application exported. Discovered in every
 * module that has this jar on its test classpath (META-INF/beans.xml).
 */
public class InMemorySpanExporterProducer {

    @Produces
    @Singleton
    InMemorySpanExporter inMemorySpanExporter() {
        return InMemorySpanExporter.create();
    }
}
