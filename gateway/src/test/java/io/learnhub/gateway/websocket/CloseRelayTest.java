package io.learnhub.gateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.websockets.next.CloseReason;

/** A close passes the bridge with its own code and reason, unless the code may not be sent in a close frame. */
class CloseRelayTest {

    @Test
    void sendableCodeAndReasonPassUnchanged() {
        CloseReason reason = new CloseReason(4001, "left the room");

        assertThat(BridgedSocket.relayable(reason)).isSameAs(reason);
    }

    @Test
    void noStatusReceivedBecomesANormalClose() {
        assertThat(BridgedSocket.relayable(CloseReason.EMPTY).getCode()).isEqualTo(1000);
    }

    @Test
    void closeWithoutACloseFrameBecomesGoingAway() {
        assertThat(BridgedSocket.relayable(CloseReason.ABNORMAL).getCode()).isEqualTo(1001);
    }
}
