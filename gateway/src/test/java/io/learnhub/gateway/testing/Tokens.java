package io.learnhub.gateway.testing;

import io.smallrye.jwt.build.Jwt;

/** JWTs signed with the %test key that common's verification config trusts. */
public final class Tokens {

    private Tokens() {
    }

    public static String student() {
        return Jwt.subject("2001").groups("student").sign();
    }

    public static String bearer() {
        return "Bearer " + student();
    }
}
