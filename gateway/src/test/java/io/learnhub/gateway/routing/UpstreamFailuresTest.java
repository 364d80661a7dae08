package io.learnhub.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.URI;

import org.junit.jupiter.api.Test;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.impl.NoStackTraceTimeoutException;

/** Which transport failures mean the upstream never saw the request, so that sending it again is safe. */
class UpstreamFailuresTest {

    private final Upstream upstream = new Upstream("reports", "report-service", URI.create("http://127.0.0.1:8083"));

    @Test
    void aRefusedConnectionWasNeverSent() {
        assertThat(UpstreamProxy.translate(upstream, new ConnectException("Connection refused")))
                .isInstanceOfSatisfying(UpstreamUnavailableException.class, failure -> assertThat(failure.neverSent()).isTrue());
    }

    @Test
    void aSilentHostsConnectTimeoutWasNeverSent() {
        assertThat(UpstreamProxy.translate(upstream, new ConnectTimeoutException("connection timed out: /10.0.0.1:8083")))
                .isInstanceOfSatisfying(UpstreamTimeoutException.class, failure -> assertThat(failure.neverSent()).isTrue());
    }

    @Test
    void waitingTooLongForAConnectionWasNeverSent() {
        Throwable vertxMessage = new NoStackTraceTimeoutException(
                "The timeout of 2500 ms has been exceeded when getting a connection to 127.0.0.1:8083");

        assertThat(UpstreamProxy.translate(upstream, vertxMessage))
                .isInstanceOfSatisfying(UpstreamTimeoutException.class, failure -> assertThat(failure.neverSent()).isTrue());
    }

    @Test
    void noAnswerInTimeOrADroppedConnectionMayHaveBeenActedOn() {
        assertThat(UpstreamProxy.translate(upstream, new NoStackTraceTimeoutException("The timeout period of 10000ms has been exceeded")))
                .isInstanceOfSatisfying(UpstreamTimeoutException.class, failure -> assertThat(failure.neverSent()).isFalse());
        assertThat(UpstreamProxy.translate(upstream, new HttpClosedException("Connection was closed")))
                .isInstanceOfSatisfying(UpstreamUnavailableException.class, failure -> assertThat(failure.neverSent()).isFalse());
    }
}
