package io.learnhub.common.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;

/**
 * A set of IP networks in CIDR notation ({@code 185.71.76.0/27}, {@code 2a02:5180::/32}, or a
 * single address), matched against IP literals without any DNS lookup. A malformed entry fails
 * construction, so a configuration mistake stops a service at start-up rather than matching
 * everyone or no one.
 */
public final class AddressRanges {

    private final List<Cidr> ranges;

    private AddressRanges(List<Cidr> ranges) {
        this.ranges = ranges;
    }

    /**
     * @param cidrs entries as configured; blank ones are ignored
     * @param configKey named in the error when an entry is malformed
     */
    public static AddressRanges parse(List<String> cidrs, String configKey) {
        return new AddressRanges(cidrs.stream().map(String::trim).filter(cidr -> !cidr.isEmpty())
                .map(cidr -> Cidr.parse(cidr, configKey)).toList());
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether {@code address}, an IP literal (null or anything else: no), lies in one of the ranges. */
    public boolean contains(String address) {
        if (address == null || !isIpLiteral(address)) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = literal(address).getAddress();
        } catch (IllegalArgumentException notAnAddress) {
            return false;
        }
        return ranges.stream().anyMatch(cidr -> cidr.contains(bytes));
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

        static Cidr parse(String cidr, String configKey) {
            String[] parts = cidr.split("/", -1);
            if (parts.length > 2 || !isIpLiteral(parts[0])) {
                throw new IllegalArgumentException(configKey + ": not a CIDR: " + cidr);
            }
            byte[] network = literal(parts[0]).getAddress();
            int prefixLength;
            try {
                prefixLength = parts.length == 1 ? network.length * 8 : Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(configKey + ": not a CIDR: " + cidr, e);
            }
            if (prefixLength < 0 || prefixLength > network.length * 8) {
                throw new IllegalArgumentException(configKey + ": bad prefix length: " + cidr);
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

    /**
     * Who a client address stands for when counting per client: an IPv4 address as it is, an IPv6
     * address by its /64, which one subscriber usually has whole (a literal: no DNS lookup).
     */
    public static String subscriberOf(String address) {
        if (address == null || !address.contains(":")) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            return bytes.length == 16 ? HexFormat.of().formatHex(bytes, 0, 8) + "::/64" : address;
        } catch (UnknownHostException notALiteral) {
            return address;
        }
    }
}
