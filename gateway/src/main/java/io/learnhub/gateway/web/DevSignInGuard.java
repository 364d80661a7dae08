package io.learnhub.gateway.web;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * The dev sign-in gives anyone a token of any user and role: it must never be on in production.
 * {@code POST /web/dev-sign-in} exists only when {@code learnhub.gateway.web.dev-sign-in.enabled}
 * is {@code true}, which only the dev, test and local profiles set; an environment variable
 * outranks a profile's value, though, so this check stops the gateway at start when the value is
 * anything but {@code false} in any other profile (any spelling: the endpoint is switched on by
 * every value but the exact string {@code false}), and when the signing key cannot be read.
 */
@Singleton
public class DevSignInGuard {

    /** The profiles the dev sign-in is meant for: dev, test, and the local run's {@code local}. */
    static final Set<String> DEV_SIGN_IN_PROFILES = Set.of("dev", "test", "local");

    void onStart(@Observes StartupEvent start, DevSignIn devSignIn) {
        Optional<String> enabled = ConfigProvider.getConfig().getOptionalValue(WebConfig.DevSignIn.ENABLED, String.class);
        check(enabled, ConfigUtils.getProfiles());
        if (isOn(enabled)) {
            devSignIn.loadKey();
        }
    }

    /** Fails when the dev sign-in is on while none of {@code activeProfiles} is meant for it. */
    static void check(Optional<String> enabled, List<String> activeProfiles) {
        if (isOn(enabled) && activeProfiles.stream().noneMatch(DEV_SIGN_IN_PROFILES::contains)) {
            throw new IllegalStateException(WebConfig.DevSignIn.ENABLED + "=" + enabled.get() + " in profiles " + activeProfiles
                    + ": the dev sign-in is only for the dev, test and local profiles (QUARKUS_PROFILE=prod,local)."
                    + " Remove LEARNHUB_GATEWAY_WEB_DEV_SIGN_IN_ENABLED from this deployment; production signs in at the issuer (WEB_OIDC_ISSUER).");
        }
    }

    /** As {@code @EndpointDisabled} reads it: the route exists unless the value is missing or exactly {@code false}. */
    private static boolean isOn(Optional<String> enabled) {
        return enabled.isPresent() && !enabled.get().equals("false");
    }
}
