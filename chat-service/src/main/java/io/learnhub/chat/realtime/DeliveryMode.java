package io.learnhub.chat.realtime;

import java.util.Locale;

/** How a frame reached its recipient: the {@code delivery} attribute of the deliver_* spans. */
public enum DeliveryMode {
    /** Pushed the moment it was sent, to a connection that was open. */
    ONLINE,
    /** Kept in PostgreSQL while the recipient was offline, pushed when they connected. */
    QUEUED;

    public String attributeValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
