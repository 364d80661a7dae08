package io.learnhub.report;

import io.smallrye.jwt.build.Jwt;

/** Bearer tokens signed with the dev key that %test trusts. */
public final class Tokens {

    private Tokens() {
    }

    public static String teacher(String userId) {
        return token(userId, "teacher");
    }

    public static String admin(String userId) {
        return token(userId, "admin");
    }

    public static String student(String userId) {
        return token(userId, "student");
    }

    private static String token(String userId, String group) {
        return Jwt.subject(userId).groups(group).sign();
    }
}
