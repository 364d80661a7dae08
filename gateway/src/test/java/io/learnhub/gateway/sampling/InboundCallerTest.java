package io.learnhub.gateway.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InboundCallerTest {

    @Test
    void originComesFromTheOriginHeaderNormalized() {
        assertThat(InboundCaller.originOf("HTTPS://App.Example.com/", "https://other.example/page")).isEqualTo("https://app.example.com");
    }

    @Test
    void withoutOriginTheReferersOriginCounts() {
        assertThat(InboundCaller.originOf(null, "http://localhost:5173/rooms/7?tab=chat")).isEqualTo("http://localhost:5173");
    }

    @Test
    void anOpaqueOrMissingOriginIsNone() {
        assertThat(InboundCaller.originOf("null", null)).isNull();
        assertThat(InboundCaller.originOf(null, "not a url")).isNull();
        assertThat(InboundCaller.originOf(null, null)).isNull();
    }
}
