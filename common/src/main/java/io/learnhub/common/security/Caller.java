package io.learnhub.report.stats;

import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** The authenticated user asking for stats: the JWT subject and groups. */
public record Caller(String userId, Set<String> groups) {

    public static final String TEACHER = "teacher";
    public static final String ADMIN = "admin";

    public static Caller of(JsonWebToken token) {
        return new Caller(token.getSubject(), Set.copyOf(token.getGroups()));
    }

    public boolean isTeacher() {
        return groups.contains(TEACHER);
    }

    public boolean isAdmin() {
        return groups.contains(ADMIN);
    }
}
