package io.learnhub.payment.webhook;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.learnhub.common.net.AddressRanges;

/**
 * The networks the provider sends notifications from ({@code learnhub.payment.webhook.allowed-sources},
 * CIDRs such as {@code 185.71.76.0/27} or {@code 2a02:5180::/32}); none configured means any
 * source. The address checked is the client's as the gateway saw it: Quarkus takes it from
 * {@code X-Forwarded-For} only when the request comes from a trusted proxy
 * ({@code quarkus.http.proxy.trusted-proxies}), so a caller cannot forge it. A malformed CIDR
 * stops the service at start-up rather than letting everyone in.
 */
@Singleton
public class WebhookSources {

    private final AddressRanges allowed;

    @Inject
    public WebhookSources(WebhookConfig config) {
        this(config.allowedSources().orElse(List.of()));
    }

    public WebhookSources(List<String> cidrs) {
        this.allowed = AddressRanges.parse(cidrs, "learnhub.payment.webhook.allowed-sources");
    }

    /** Whether a notification from {@code address} (an IP literal; null when unknown) may be processed. */
    public boolean isAllowed(String address) {
        return allowed.isEmpty() || allowed.contains(address);
    }
}
