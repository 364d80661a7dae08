package io.learnhub.gateway.sampling;

import java.net.URI;
import java.util.Locale;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

/**
 * Who sent a request, as far as the sampling decision at the door needs to know: the web origin
 * it came from ({@code Origin}, or the origin of {@code Referer} when a browser sends no Origin,
 * as on same-origin GETs) and the address of the TCP peer. Set on the context the caller's trace
 * context is extracted into, so the sampler can read it.
 */
public record InboundCaller(String origin, String address) {

    static final ContextKey<InboundCaller> KEY = ContextKey.named("learnhub-inbound-caller");

    public static InboundCaller from(Context context) {
        return context.get(KEY);
    }

    public Context storeIn(Context context) {
        return context.with(KEY, this);
    }

    /**
     * {@code scheme://host[:port]} in lower case, from an Origin header or, failing that, a
     * Referer URL; null when neither names one ({@code Origin: null} included).
     */
    static String originOf(String originHeader, String refererHeader) {
        if (originHeader != null && !originHeader.isBlank()) {
            return normalize(originHeader.trim());
        }
        if (refererHeader == null || refererHeader.isBlank()) {
            return null;
        }
        try {
            URI referer = URI.create(refererHeader.trim());
            if (referer.getScheme() == null || referer.getHost() == null) {
                return null;
            }
            return normalize(referer.getScheme() + "://" + referer.getHost() + (referer.getPort() < 0 ? "" : ":" + referer.getPort()));
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    static String normalize(String origin) {
        String lowerCase = origin.toLowerCase(Locale.ROOT);
        if (lowerCase.equals("null")) {
            return null;
        }
        return lowerCase.endsWith("/") ? lowerCase.substring(0, lowerCase.length() - 1) : lowerCase;
    }
}
