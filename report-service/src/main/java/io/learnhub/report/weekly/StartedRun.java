package io.learnhub.report.weekly;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

/**
 * A claimed run and its root span {@code send_weekly_reports}, started when the run was claimed so
 * that the claim's answer can name the trace. {@code context} is the parent of the run's spans and
 * counts its database statements.
 */
record StartedRun(ReportRun run, Span root, Context context) {
}
