-- Weekly teacher reports: projections of the payments and chat events, the reports themselves,
-- the runs of the weekly job, and the emails they send.

-- Refunds per teacher, ISO week (of refundedAt) and currency, beside the paid invoices
alter table teacher_weekly_stats
    add column refunds  integer        not null default 0 check (refunds >= 0),
    add column refunded numeric(14, 2) not null default 0 check (refunded >= 0);

-- The teachers the events have named, with the address their course gave (payments.invoice-paid.v1
-- teacherEmail); a teacher named only by a chat room has none until a payment names them.
create table teachers (
    teacher_id    varchar(64)  primary key,
    email         varchar(320),
    first_seen_at timestamptz  not null,
    updated_at    timestamptz  not null
);

-- Which teacher a course belongs to, from the payments events: attributes a course room an admin
-- created (its room-created event names no teacher) to the course's teacher.
create table course_teachers (
    course_id  uuid        primary key,
    teacher_id varchar(64) not null
);

-- Chat rooms from chat.room-created.v1; teacher_id null when the event named none
create table chat_rooms (
    room_id    uuid        primary key,
    course_id  uuid,
    teacher_id varchar(64),
    created_at timestamptz not null
);

-- Users' messages from chat.message-sent.v1 (no bodies: ids, sender and week only). A message is
-- attributed to a teacher when the report is made, through its room, so a message that arrives
-- before its room's event still counts.
create table chat_messages (
    message_id uuid        primary key,
    room_id    uuid        not null,
    sender_id  varchar(64) not null,
    week_start date        not null,
    sent_at    timestamptz not null
);

create index chat_messages_week_idx on chat_messages (week_start, room_id);

-- One run of the weekly job. At most one RUNNING run whose lease has not expired: the claim runs
-- under a transaction-scoped advisory lock. A run whose replica died keeps RUNNING until its lease
-- expires; the next claim marks it FAILED.
create table report_runs (
    id             uuid         primary key,
    week_start     date         not null check (extract(isodow from week_start) = 1),
    trigger        varchar(16)  not null check (trigger in ('SCHEDULED', 'MANUAL')),
    status         varchar(16)  not null check (status in ('RUNNING', 'SUCCEEDED', 'FAILED')),
    trace_id       varchar(32),
    correlation_id varchar(128) not null,
    teachers       integer      not null default 0,
    reports_sent   integer      not null default 0,
    failures       integer      not null default 0,
    started_at     timestamptz  not null,
    lease_until    timestamptz  not null,
    finished_at    timestamptz,
    check ((status = 'RUNNING') = (finished_at is null))
);

create index report_runs_running_idx on report_runs (started_at) where status = 'RUNNING';
create index report_runs_week_idx on report_runs (week_start, status);

-- One report per teacher and ISO week; a re-run refreshes it, the email goes once (emails table).
create table weekly_reports (
    teacher_id      varchar(64) not null,
    week_start      date        not null check (extract(isodow from week_start) = 1),
    enrolments      integer     not null,
    refunds         integer     not null,
    messages        integer     not null,
    active_students integer     not null,
    -- [{"currency","revenue","refunded","net"}], amounts as decimal strings
    revenue         text        not null,
    text_body       text        not null,
    html_body       text        not null,
    run_id          uuid        not null references report_runs (id),
    generated_at    timestamptz not null,
    primary key (teacher_id, week_start)
);

create index weekly_reports_week_idx on weekly_reports (week_start desc, teacher_id);

-- Emails to send (common's mail outbox, the Email entity's DDL): the enrolment emails and weekly
-- reports, written in the transaction that decides them, sent after it commits, retried with
-- backoff; at most one per (template, subject): an invoice, or a week and teacher.
-- trace_context is the W3C context of the span that queued it: a retry still joins that trace.
create table emails (
    id                uuid primary key,
    template          varchar(64)  not null,
    subject_id        varchar(128) not null,
    recipient_id      varchar(64)  not null,
    recipient_address varchar(320) not null,
    subject           varchar(300) not null,
    body              text         not null,
    html_body         text,
    status            varchar(16)  not null check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts          int          not null default 0,
    next_attempt_at   timestamptz  not null,
    locked_until      timestamptz,
    last_error        varchar(500),
    trace_context     text         not null,
    created_at        timestamptz  not null,
    sent_at           timestamptz,
    unique (template, subject_id),
    check ((status = 'SENT') = (sent_at is not null))
);

create index emails_due_idx on emails (next_attempt_at) where status = 'PENDING';
