package io.learnhub.gateway.sampling;

import java.util.List;
import java.util.Optional;

import io.learnhub.common.net.AddressRanges;

/**
 * The client's address as Quarkus itself derives it for the request, for the sampler, which runs
 * before Quarkus has done so: the TCP peer's, or, when the gateway runs behind a trusted proxy
 * ({@code quarkus.http.proxy.proxy-address-forwarding} and {@code allow-x-forwarded} on, the peer
 * among {@code trusted-proxies}, or any peer when none are listed), the first address of the
 * proxy's {@code X-Forwarded-For}. In k8s that is the address ingress-nginx saw, so the sampling
 * budget is per browser rather than per ingress pod.
 */
final class ClientAddressOfRequest {

    private final boolean forwardedForTrusted;
    private final AddressRanges trustedProxies;

    ClientAddressOfRequest(boolean proxyAddressForwarding, boolean allowXForwarded, Optional<List<String>> trustedProxies) {
        this.forwardedForTrusted = proxyAddressForwarding && allowXForwarded;
        this.trustedProxies = AddressRanges.parse(trustedProxies.orElse(List.of()), "quarkus.http.proxy.trusted-proxies");
    }

    String of(String peer, String forwardedFor) {
        if (!forwardedForTrusted || forwardedFor == null || forwardedFor.isBlank()) {
            return peer;
        }
        if (!trustedProxies.isEmpty() && !trustedProxies.contains(peer)) {
            return peer;
        }
        String first = forwardedFor.split(",", 2)[0].trim();
        return first.isEmpty() ? peer : first;
    }
}
