package io.learnhub.payment.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class WebhookSourcesTest {

    private final WebhookSources sources = new WebhookSources(List.of("185.71.76.0/27", " 77.75.153.0/25", "77.75.156.11",
            "2a02:5180::/32"));

    @Test
    void noAllowlistAcceptsAnySource() {
        WebhookSources any = new WebhookSources(List.of());
        assertThat(any.isAllowed("203.0.113.9")).isTrue();
        assertThat(any.isAllowed(null)).isTrue();
    }

    @Test
    void acceptsAddressesInsideTheNetworks() {
        assertThat(sources.isAllowed("185.71.76.0")).isTrue();
        assertThat(sources.isAllowed("185.71.76.31")).isTrue();
        assertThat(sources.isAllowed("77.75.153.127")).isTrue();
        assertThat(sources.isAllowed("77.75.156.11")).isTrue();
        assertThat(sources.isAllowed("2a02:5180:0:1::7")).isTrue();
    }

    @Test
    void refusesAddressesOutsideTheNetworks() {
        assertThat(sources.isAllowed("185.71.76.32")).isFalse();
        assertThat(sources.isAllowed("77.75.153.128")).isFalse();
        assertThat(sources.isAllowed("77.75.156.12")).isFalse();
        assertThat(sources.isAllowed("2a02:5181::1")).isFalse();
        assertThat(sources.isAllowed("127.0.0.1")).isFalse();
    }

    @Test
    void refusesUnknownOrNonLiteralSources() {
        assertThat(sources.isAllowed(null)).isFalse();
        assertThat(sources.isAllowed("provider.example")).isFalse();
        assertThat(sources.isAllowed("zz::not:an:address")).isFalse();
    }

    @Test
    void malformedCidrStopsStartUp() {
        assertThatThrownBy(() -> new WebhookSources(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookSources(List.of("10.0.0/8/1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookSources(List.of("ten/8"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookSources(List.of("10.0.0.0/x"))).isInstanceOf(IllegalArgumentException.class);
    }
}
