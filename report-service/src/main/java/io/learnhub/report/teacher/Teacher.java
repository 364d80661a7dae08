package io.learnhub.report.teacher;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A teacher some event named: a paid or refunded invoice of their course, or a chat room of
 * theirs. Nobody lists teachers by hand; the weekly job reports to every teacher here.
 */
@Entity
@Table(name = "teachers")
public class Teacher {

    @Id
    @Column(name = "teacher_id", length = 64)
    public String teacherId;

    /** Where their emails go, as their course last gave it; null while no payment has named one. */
    @Column(length = 320)
    public String email;

    @Column(name = "first_seen_at", nullable = false)
    public Instant firstSeenAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
