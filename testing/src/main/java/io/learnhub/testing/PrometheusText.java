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
                .mapToDouble(PrometheusText::value)
                .sum();
    }

    /** The sample's value: the first field after the name and labels (an exemplar may follow it). */
    private static double value(String line) {
        int labelsEnd = line.indexOf('}');
        String rest = (labelsEnd >= 0 ? line.substring(labelsEnd + 1) : line.substring(line.indexOf(' '))).trim();
        return Double.parseDouble(rest.split("\\s+")[0]);
    }
}
