package io.learnhub.payment.testsupport;

import io.smallrye.jwt.build.Jwt;

/** Bearer tokens signed with the dev key that %test trusts. */
public final class Tokens {

    private Tokens() {
    }

    public static String of(String userId, String role) {
        return Jwt.subject(userId).groups(role).sign();
    }
}
