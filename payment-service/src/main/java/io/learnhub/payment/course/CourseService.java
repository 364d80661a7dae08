package io.learnhub.payment.course;

import static io.learnhub.payment.tracing.PaymentSpans.COURSES_COUNT;
import static io.learnhub.payment.tracing.PaymentSpans.LIST_COURSES;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.learnhub.common.tracing.DbQueryCount;
import io.learnhub.common.tracing.ReactiveSpans;
import io.learnhub.common.tracing.SharedSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The course catalogue: every course on sale, and which of them the caller has already bought. */
@ApplicationScoped
public class CourseService {

    /** A catalogue is small; past this many courses it needs paging, not a longer answer. */
    static final int MAX_COURSES = 200;

    private final CourseRepository courses;
    private final ReactiveSpans spans;

    public CourseService(CourseRepository courses, ReactiveSpans spans) {
        this.courses = courses;
        this.spans = spans;
    }

    /**
     * The first {@value #MAX_COURSES} courses by title, then id, each flagged {@code unlocked} when
     * the caller may open its materials, in span {@code list_courses} with the number of database
     * statements it took ({@code db.query_count}): one, however many courses there are.
     */
    public Uni<List<CourseView>> catalogueFor(String userId) {
        return spans.inSpan(LIST_COURSES, DbQueryCount.counting(Context.current()), context -> {
            Span span = Span.fromContext(context).setAttribute(SharedSpans.USER_ID, userId);
            return Panache.withSession(() -> courses.catalogueFor(userId, MAX_COURSES))
                    .map(catalogue -> catalogue.stream().map(CourseView::of).toList())
                    .invoke(catalogue -> span.setAttribute(COURSES_COUNT, (long) catalogue.size())
                            .setAttribute(SharedSpans.DB_QUERY_COUNT, DbQueryCount.of(context)));
        });
    }
}
