-- Real-time chat: the transactional outbox of chat's events, and the deliveries waiting for
-- members who were offline when a message or notification was sent.

-- Events are written in the transaction that causes them and published to Kafka after it commits
-- (common's io.learnhub.common.outbox). trace_context holds the W3C traceparent/tracestate/baggage
-- to publish under, so a relayed publish still joins the originating request's trace.
create table outbox_events (
    id            uuid primary key,
    topic         varchar(200) not null,
    message_key   varchar(200) not null,
    payload       text         not null,
    trace_context text         not null,
    created_at    timestamptz  not null,
    -- a publisher holding the row until then; the relay takes unsent rows whose lease has expired
    locked_until  timestamptz,
    attempts      int          not null default 0,
    sent_at       timestamptz
);

create index outbox_events_unsent_idx on outbox_events (created_at) where sent_at is null;

-- A frame for a member who was offline at send time, delivered in id order when they connect and
-- deleted once written to their socket. frame is the server frame's JSON without its traceparent;
-- trace_context is the context of queue_offline_delivery (or send_notification), the parent of the
-- delivery span, so a delivery hours later still belongs to the message's trace.
create table pending_deliveries (
    id            bigint generated always as identity primary key,
    user_id       varchar(64) not null,
    room_id       uuid        not null references rooms (id) on delete cascade,
    message_id    uuid        references messages (id) on delete cascade,
    frame         text        not null,
    trace_context text        not null,
    created_at    timestamptz not null
);

create index pending_deliveries_user_id on pending_deliveries (user_id, id);
