package io.learnhub.payment.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

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

    private final List<Cidr> allowed;

    @Inject
    public WebhookSources(WebhookConfig config) {
        this(config.allowedSources().orElse(List.of()));
    }

    public WebhookSources(List<String> cidrs) {
        this.allowed = cidrs.stream().map(String::trim).filter(cidr -> !cidr.isEmpty()).map(Cidr::parse).toList();
    }

    /** Whether a notification from {@code address} (an IP literal; null when unknown) may be processed. */
    public boolean isAllowed(String address) {
        if (allowed.isEmpty()) {
            return true;
        }
        if (address == null || !isIpLiteral(address)) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = literal(address).getAddress();
        } catch (IllegalArgumentException notAnAddress) {
            return false;
        }
        return allowed.stream().anyMatch(cidr -> cidr.contains(bytes));
    }

    private static boolean isIpLiteral(String address) {
        return address.matches("[0-9.]+") || address.contains(":");
    }

    /** An IP literal parsed without a DNS lookup (InetAddress resolves only names, never literals). */
    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an IP address: " + address, e);
        }
    }

    private record Cidr(byte[] network, int prefixLength) {

        static Cidr parse(String cidr) {
            String[] parts = cidr.split("/", -1);
            if (parts.length > 2 || !isIpLiteral(parts[0])) {
                throw new IllegalArgumentException("learnhub.payment.webhook.allowed-sources: not a CIDR: " + cidr);
            }
            byte[] network = literal(parts[0]).getAddress();
            int prefixLength;
            try {
                prefixLength = parts.length == 1 ? network.length * 8 : Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("learnhub.payment.webhook.allowed-sources: not a CIDR: " + cidr, e);
            }
            if (prefixLength < 0 || prefixLength > network.length * 8) {
                throw new IllegalArgumentException("learnhub.payment.webhook.allowed-sources: bad prefix length: " + cidr);
            }
            return new Cidr(network, prefixLength);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefixLength / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int remainingBits = prefixLength % 8;
            if (remainingBits == 0) {
                return true;
            }
            int mask = 0xFF << (8 - remainingBits) & 0xFF;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }
}
