package io.learnhub.payment.course;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class CourseRepository implements PanacheRepositoryBase<Course, UUID> {
}
