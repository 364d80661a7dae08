package io.learnhub.gateway.sampling;

import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

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

    private static final Logger LOG = Logger.getLogger(ClientAddressOfRequest.class);
    private static final String TRUSTED_PROXIES = "quarkus.http.proxy.trusted-proxies";

    private final boolean forwardedForTrusted;
    private final boolean anyPeerTrusted;
    private final AddressRanges trustedProxies;

    ClientAddressOfRequest(boolean proxyAddressForwarding, boolean allowXForwarded, Optional<List<String>> trustedProxies) {
        this.forwardedForTrusted = proxyAddressForwarding && allowXForwarded;
        this.anyPeerTrusted = trustedProxies.orElse(List.of()).isEmpty();
        this.trustedProxies = AddressRanges.parse(trustedProxies.orElse(List.of()).stream()
                .filter(ClientAddressOfRequest::isAddressOrNetwork).toList(), TRUSTED_PROXIES);
    }

    /**
     * Quarkus also accepts host names and {@code address:port} there; the sampler, which must not
     * resolve names on the event loop, does not count those as trusted, and says so once.
     */
    private static boolean isAddressOrNetwork(String entry) {
        try {
            AddressRanges.parse(List.of(entry), TRUSTED_PROXIES);
            return true;
        } catch (IllegalArgumentException notAnAddress) {
            LOG.warnf("%s entry %s is not an IP address or CIDR: the caller sampling budget ignores X-Forwarded-For from it",
                    TRUSTED_PROXIES, entry);
            return false;
        }
    }

    String of(String peer, String forwardedFor) {
        if (!forwardedForTrusted || forwardedFor == null || forwardedFor.isBlank()) {
            return peer;
        }
        if (!anyPeerTrusted && !trustedProxies.contains(peer)) {
            return peer;
        }
        String first = forwardedFor.split(",", 2)[0].trim();
        return first.isEmpty() ? peer : first;
    }
}
