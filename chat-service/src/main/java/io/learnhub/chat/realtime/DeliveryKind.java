package io.learnhub.chat.realtime;

import io.learnhub.chat.tracing.ChatSpans;

/** What a delivery carries, and so the name of the span that hands it to one connection. */
public enum DeliveryKind {
    MESSAGE(ChatSpans.DELIVER_MESSAGE),
    NOTIFICATION(ChatSpans.DELIVER_NOTIFICATION);

    private final String spanName;

    DeliveryKind(String spanName) {
        this.spanName = spanName;
    }

    public String spanName() {
        return spanName;
    }
}
