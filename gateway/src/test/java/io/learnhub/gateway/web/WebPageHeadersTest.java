package io.learnhub.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

/** The page may talk to the issuer's whole origin: a source with a path would allow only that one URL. */
class WebPageHeadersTest {

    @Test
    void theIssuersOriginJoinsConnectSrc() {
        String origin = WebPageHeaders.originOf(URI.create("https://auth.learnhub.example.com/realms/learnhub"));

        assertThat(origin).isEqualTo("https://auth.learnhub.example.com");
        assertThat(WebPageHeaders.policyFor(origin)).contains("connect-src 'self' https://auth.learnhub.example.com;");
        assertThat(WebPageHeaders.originOf(URI.create("http://127.0.0.1:8180/realms/x"))).isEqualTo("http://127.0.0.1:8180");
    }

    @Test
    void withoutAnIssuerThePageTalksToTheGatewayOnly() {
        assertThat(WebPageHeaders.policyFor(null)).startsWith("default-src 'self'; connect-src 'self';")
                .contains("frame-ancestors 'none'");
    }
}
