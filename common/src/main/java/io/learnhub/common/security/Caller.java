package io.learnhub.common.security;

import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The authenticated user a request acts for: the JWT subject and groups, read by the resource and
 * handed to the service, which decides what the caller may do.
 */
public record Caller(String userId, Set<String> groups) {

    public static final String STUDENT = "student";
    public static final String TEACHER = "teacher";
    public static final String ADMIN = "admin";

    public Caller {
        groups = Set.copyOf(groups);
    }

    public static Caller of(JsonWebToken token) {
        return new Caller(token.getSubject(), token.getGroups());
    }

    public boolean isTeacher() {
        return groups.contains(TEACHER);
    }

    public boolean isAdmin() {
        return groups.contains(ADMIN);
    }
}
