package io.learnhub.testing;

import java.util.Arrays;

/** Reads values out of a Prometheus text exposition ({@code /q/metrics}). */
public final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * The sum of every sample of {@code metric} whose labels contain all of {@code labels}
     * (each as it appears, e.g. {@code outcome="sent"}); 0 when there is none.
     */
    public static double sum(String exposition, String metric, String... labels) {
        return exposition.lines()
                .filter(line -> !line.startsWith("#"))
                .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> value(line, metric))
                .sum();
    }

    /**
     * The sample's value: the first field after the name and its labels, if any. An exemplar may
     * follow it ({@code # {trace_id="…"} 1.0 …}), with braces of its own.
     */
    private static double value(String line, String metric) {
        String rest = line.startsWith(metric + "{") ? line.substring(line.indexOf('}') + 1) : line.substring(metric.length());
        return Double.parseDouble(rest.trim().split("\\s+")[0]);
    }
}
