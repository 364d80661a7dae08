package io.learnhub.payment.course;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A course sold by a teacher at a fixed price; buying it unlocks all its materials. */
@Entity
@Table(name = "courses")
public class Course {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String title;

    @Column(name = "teacher_id", nullable = false)
    public String teacherId;

    /** Where the teacher's notifications go; null when none is known. */
    @Column(name = "teacher_email", length = 320)
    public String teacherEmail;

    @Column(nullable = false, precision = 12, scale = 2)
    public BigDecimal price;

    @Column(nullable = false, length = 3)
    public String currency;
}
