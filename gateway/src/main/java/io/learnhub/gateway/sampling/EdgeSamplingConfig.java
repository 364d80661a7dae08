package io.learnhub.gateway.sampling;

import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Which callers may ask for their request to be traced ({@code learnhub.gateway.sampling.*});
 * docs/architecture.md, "Sampling".
 */
@ConfigMapping(prefix = "learnhub.gateway.sampling")
public interface EdgeSamplingConfig {

    /**
     * Web origins ({@code https://app.example.com}) whose sampled flag is honoured: the suite's
     * own frontends. Unset: no caller's flag is honoured.
     */
    Optional<Set<String>> trustedOrigins();

    /**
     * How many requests per minute one client address may have traced on its own say, beyond what
     * the gateway's sampling keeps anyway. Origin headers can be forged outside a browser; this
     * bounds what a forger costs the tracing pipeline.
     */
    @WithDefault("60")
    int callerBudgetPerMinute();

    /**
     * How many requests per minute all callers together may have traced on their own say, in each
     * gateway replica: many addresses (a botnet, an IPv6 range) cannot add up to more.
     */
    @WithDefault("600")
    int callersBudgetPerMinute();

    /** Client addresses whose budgets are tracked at once; beyond it, new clients get none. */
    @WithDefault("10000")
    int maxTrackedCallers();
}
