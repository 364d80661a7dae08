package io.learnhub.common.tracing;

import java.net.URI;
import java.util.Optional;

import jakarta.validation.constraints.Pattern;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where a service sends its spans ({@code learnhub.tracing.*}). */
@ConfigMapping(prefix = "learnhub.tracing")
public interface TracingConfig {

    String OTLP = "otlp";
    String ZIPKIN = "zipkin";

    /**
     * {@value #OTLP}: Quarkus' OTLP exporter, to the collector at
     * {@code quarkus.otel.exporter.otlp.traces.endpoint} (every deployment). {@value #ZIPKIN}: a
     * Zipkin server at {@code learnhub.tracing.zipkin.endpoint} and nothing else (the no-Docker
     * local run, whose trace UI is Zipkin). Spans go to exactly one receiver that exists.
     */
    @WithDefault(OTLP)
    @Pattern(regexp = OTLP + "|" + ZIPKIN, message = "must be " + OTLP + " or " + ZIPKIN)
    String exporter();

    Zipkin zipkin();

    interface Zipkin {

        /** Zipkin's span intake, e.g. {@code http://localhost:9411/api/v2/spans}; required with exporter zipkin. */
        Optional<URI> endpoint();
    }
}
