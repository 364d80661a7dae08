package io.learnhub.chat.realtime;

import io.learnhub.common.error.ApiException;

/** 503: presence lives in Redis only, so without Redis nobody can say who is online. */
public class PresenceUnavailableException extends ApiException {

    public PresenceUnavailableException(Throwable cause) {
        super(503, "presence_unavailable", "Presence is unavailable right now; try again shortly");
        initCause(cause);
    }
}
