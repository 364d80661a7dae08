package io.learnhub.payment.course;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One lesson of a course, shown in {@code position} order. */
@Entity
@Table(name = "materials")
public class Material {

    @Id
    public UUID id;

    @Column(name = "course_id", nullable = false)
    public UUID courseId;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public int position;
}
