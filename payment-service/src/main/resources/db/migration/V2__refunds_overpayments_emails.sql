-- Refunds, overpayments, idempotent invoice creation and the confirmation email.

-- A refunded invoice keeps its payment (paid_at, provider_payment_id) and gains the refund.
alter table invoices drop constraint invoices_status_check;
alter table invoices drop constraint invoices_check;
alter table invoices
    add constraint invoices_status_check check (status in ('PENDING', 'PAID', 'CANCELED', 'REFUNDED')),
    add column provider_refund_id varchar(64) unique,
    add column refunded_at        timestamptz,
    -- true once a second payment arrived for the settled invoice (its rows are in overpayments)
    add column overpaid           boolean not null default false,
    -- where the confirmation email goes: the JWT email claim of the student who asked for the invoice
    add column student_email      varchar(320),
    add constraint invoices_paid_at_check check ((status in ('PAID', 'REFUNDED')) = (paid_at is not null)),
    add constraint invoices_refunded_at_check check ((status = 'REFUNDED') = (refunded_at is not null));

-- The listing of a student's invoices, newest first, optionally by status
create index invoices_student_created_idx on invoices (student_id, created_at desc);

-- A successful payment for an invoice another payment had already settled: kept, published as
-- payments.overpaid.v1 and alerted on, until an operator refunds it at the provider (whose
-- refund.succeeded then fills the refund columns).
create table overpayments (
    provider_payment_id varchar(64) primary key,
    invoice_id          uuid           not null references invoices (id),
    amount              numeric(12, 2) not null check (amount >= 0),
    currency            varchar(3)     not null,
    received_at         timestamptz    not null,
    provider_refund_id  varchar(64) unique,
    refunded_at         timestamptz
);

create index overpayments_invoice_id_idx on overpayments (invoice_id);

-- POST /api/payments/invoices with an Idempotency-Key: the first request's body (as a SHA-256 of
-- its canonical form) and the invoice it created, per student and key.
create table invoice_idempotency_keys (
    student_id      varchar(64)  not null,
    idempotency_key varchar(255) not null,
    request_hash    varchar(64)  not null,
    invoice_id      uuid         not null references invoices (id),
    created_at      timestamptz  not null,
    primary key (student_id, idempotency_key)
);

-- payment-service consumes its own payments.invoice-paid.v1 (the post-payment hooks)
create table processed_events (
    event_id     uuid primary key,
    processed_at timestamptz not null
);

-- Emails to send, written in the transaction that decides to send them and sent after it commits;
-- at most one per (template, subject), so a redelivered event cannot queue a second one. A failed
-- send is retried with backoff (next_attempt_at) and ends FAILED after the last attempt.
-- trace_context is the W3C context of the span that queued it: a retry still joins that trace.
create table emails (
    id                uuid primary key,
    template          varchar(64)  not null,
    -- what the email is about, e.g. the invoice id of a payment confirmation
    subject_id        varchar(64)  not null,
    recipient_id      varchar(64)  not null,
    recipient_address varchar(320) not null,
    subject           varchar(300) not null,
    body              text         not null,
    status            varchar(16)  not null check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts          int          not null default 0,
    next_attempt_at   timestamptz  not null,
    -- a sender holding the row until then; the relay takes due rows whose lease has expired
    locked_until      timestamptz,
    last_error        varchar(500),
    trace_context     text         not null,
    created_at        timestamptz  not null,
    sent_at           timestamptz,
    unique (template, subject_id),
    check ((status = 'SENT') = (sent_at is not null))
);

create index emails_due_idx on emails (next_attempt_at) where status = 'PENDING';
