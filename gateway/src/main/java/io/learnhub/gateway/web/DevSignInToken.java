package io.learnhub.gateway.web;

/** A token the dev sign-in minted, and how many seconds it is valid. */
public record DevSignInToken(String accessToken, long expiresIn) {
}
