package io.learnhub.payment.course;

import java.util.UUID;

import io.learnhub.payment.invoice.MoneyView;

/**
 * A course of the catalogue as the caller sees it:
 * {@code {"id","title","teacherId","price":{"value","currency"},"materialsCount","unlocked"}}, the
 * price shaped like an invoice's amount.
 */
public record CourseView(UUID id, String title, String teacherId, MoneyView price, long materialsCount, boolean unlocked) {

    public static CourseView of(CatalogueCourse course) {
        return new CourseView(course.id(), course.title(), course.teacherId(), MoneyView.of(course.price(), course.currency()),
                course.materialsCount(), course.unlocked());
    }
}
