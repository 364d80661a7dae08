-- payment-service schema. User ids are the JWT `sub` claim (a string such as '2001').

create table courses (
    id         uuid primary key,
    title      varchar(200)   not null,
    teacher_id varchar(64)    not null,
    price      numeric(12, 2) not null check (price >= 0),
    currency   varchar(3)     not null
);

create table materials (
    id        uuid primary key,
    course_id uuid         not null references courses (id),
    title     varchar(200) not null,
    position  int          not null,
    unique (course_id, position)
);

create table invoices (
    id                  uuid primary key,
    student_id          varchar(64)    not null,
    course_id           uuid           not null references courses (id),
    amount              numeric(12, 2) not null check (amount >= 0),
    currency            varchar(3)     not null,
    status              varchar(16)    not null check (status in ('PENDING', 'PAID', 'CANCELED')),
    -- the payment provider's id: a repeated webhook for the same payment is recognised by it
    provider_payment_id varchar(64) unique,
    created_at          timestamptz    not null,
    paid_at             timestamptz,
    check ((status = 'PAID') = (paid_at is not null))
);

create index invoices_student_id_idx on invoices (student_id);

-- A student is enrolled in a course when they hold a PAID invoice for it; what they may open is
-- recorded per material, so materials added to a course later can be granted explicitly.
create table material_access (
    student_id  varchar(64) not null,
    material_id uuid        not null references materials (id),
    invoice_id  uuid        not null references invoices (id),
    unlocked_at timestamptz not null,
    primary key (student_id, material_id)
);

create index material_access_invoice_id_idx on material_access (invoice_id);

-- Transactional outbox: events are written in the transaction that causes them and published to
-- Kafka after it commits. trace_context holds the W3C traceparent/tracestate/baggage of the
-- originating request, so a relayed publish still joins that request's trace. Both JSON columns are
-- text, written and read verbatim (cast to jsonb to query them).
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
