package io.learnhub.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForeignOriginRouteHandlerTest {

    @ParameterizedTest(name = "{1} for {0}: {2}")
    @CsvSource({
            "https://learnhub.example/api/chat/rooms, https://learnhub.example, true",
            "https://learnhub.example:443/api/chat/rooms, https://learnhub.example, true",
            "https://learnhub.example/api/chat/rooms, https://learnhub.example:443, true",
            "http://localhost:80/, http://localhost, true",
            "http://localhost:8080/ws/chat, http://LOCALHOST:8080, true",
            "http://localhost:8080/, http://localhost:8081, false",
            "https://learnhub.example/, http://learnhub.example, false",
            "https://learnhub.example/, https://learnhub.example.evil, false",
            "https://learnhub.example/, null, false",
            "https://learnhub.example/, not a uri, false" })
    void theRequestsOwnOriginIsRecognisedWithOrWithoutItsDefaultPort(String requestUri, String origin, boolean same) {
        assertThat(ForeignOriginRouteHandler.isSameOrigin(requestUri, origin)).isEqualTo(same);
    }

    @Test
    void theCheckRunsUnlessCorsIsOffOrEveryOriginIsAllowed() {
        assertThat(new ForeignOriginRouteHandler(true, Optional.empty()).enabled).as("no origins: the gateway's own only").isTrue();
        assertThat(new ForeignOriginRouteHandler(true, Optional.of(List.of("https://app.example"))).enabled).isTrue();
        assertThat(new ForeignOriginRouteHandler(true, Optional.of(List.of("*"))).enabled).isFalse();
        assertThat(new ForeignOriginRouteHandler(true, Optional.of(List.of("/.*/"))).enabled).isFalse();
        assertThat(new ForeignOriginRouteHandler(false, Optional.empty()).enabled).isFalse();
    }
}
