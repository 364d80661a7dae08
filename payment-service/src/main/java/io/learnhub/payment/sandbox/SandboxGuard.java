package io.learnhub.payment.sandbox;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * The sandbox signs webhooks with the real secret, so anyone who can call it gets a course for
 * free: it must never be on in production. The route exists only when
 * {@code learnhub.payment.sandbox.enabled} is true, and that value is pinned false in the prod
 * profile; but an environment variable outranks a profile's value in application.properties, so
 * this check stops the service at start-up when the sandbox is on without a profile meant for it.
 */
@Singleton
public class SandboxGuard {

    /** The profiles the sandbox is meant for: dev, test, and the local run's {@code local}. */
    static final Set<String> SANDBOX_PROFILES = Set.of("dev", "test", "local");

    void onStart(@Observes StartupEvent start,
            @ConfigProperty(name = "learnhub.payment.sandbox.enabled", defaultValue = "false") boolean enabled) {
        check(enabled, ConfigUtils.getProfiles());
    }

    /** Fails when the sandbox is enabled while none of {@code activeProfiles} is meant for it. */
    static void check(boolean enabled, List<String> activeProfiles) {
        if (enabled && activeProfiles.stream().noneMatch(SANDBOX_PROFILES::contains)) {
            throw new IllegalStateException("learnhub.payment.sandbox.enabled=true in profiles " + activeProfiles
                    + ": the sandbox payment provider is only for the dev, test and local profiles (QUARKUS_PROFILE=prod,local)."
                    + " Remove LEARNHUB_PAYMENT_SANDBOX_ENABLED from this deployment.");
        }
    }
}
