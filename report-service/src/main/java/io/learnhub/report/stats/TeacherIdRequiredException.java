package io.learnhub.report.stats;

import io.learnhub.common.error.ApiException;

/** 400: an admin has no stats of their own, so they must name the teacher. */
public class TeacherIdRequiredException extends ApiException {

    public TeacherIdRequiredException() {
        super(400, "validation_failed", "teacherId: is required when an admin asks for stats");
    }
}
