package io.learnhub.gateway.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ClientAddressOfRequestTest {

    @Test
    void atTheEdgeThePeerIsTheClientWhateverItSends() {
        ClientAddressOfRequest edge = new ClientAddressOfRequest(false, false, Optional.empty());

        assertThat(edge.of("203.0.113.7", "198.51.100.1")).isEqualTo("203.0.113.7");
    }

    @Test
    void behindATrustedProxyTheFirstForwardedAddressIsTheClient() {
        ClientAddressOfRequest behindIngress = new ClientAddressOfRequest(true, true, Optional.of(List.of("10.0.0.0/8")));

        assertThat(behindIngress.of("10.1.2.3", "198.51.100.1, 10.1.2.3")).isEqualTo("198.51.100.1");
        assertThat(behindIngress.of("10.1.2.3", null)).isEqualTo("10.1.2.3");
    }

    @Test
    void anUntrustedPeersForwardedForIsIgnored() {
        ClientAddressOfRequest behindIngress = new ClientAddressOfRequest(true, true, Optional.of(List.of("10.0.0.0/8")));

        assertThat(behindIngress.of("203.0.113.7", "198.51.100.1")).isEqualTo("203.0.113.7");
    }

    @Test
    void trustedProxiesNamedByHostOrPortAreNotTrustedHereAndDoNotStopTheGateway() {
        ClientAddressOfRequest named = new ClientAddressOfRequest(true, true, Optional.of(List.of("ingress.local", "10.1.2.3:8080")));

        assertThat(named.of("10.1.2.3", "198.51.100.1")).isEqualTo("10.1.2.3");
    }

    @Test
    void forwardingWithoutXForwardedHeadersAllowedKeepsThePeer() {
        assertThat(new ClientAddressOfRequest(true, false, Optional.empty()).of("10.1.2.3", "198.51.100.1")).isEqualTo("10.1.2.3");
    }
}
