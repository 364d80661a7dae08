-- Paid invoices and revenue per teacher, ISO week (Monday, UTC) and currency. Rows are only ever
-- incremented by the invoice-paid consumer (INSERT ... ON CONFLICT DO UPDATE), so a week exists
-- only once something was paid in it. Currencies are kept apart: amounts are never converted.
CREATE TABLE teacher_weekly_stats (
    teacher_id    varchar(64)    NOT NULL,
    week_start    date           NOT NULL,
    currency      varchar(3)     NOT NULL,
    paid_invoices integer        NOT NULL CHECK (paid_invoices >= 0),
    revenue       numeric(14, 2) NOT NULL CHECK (revenue >= 0),
    updated_at    timestamptz    NOT NULL,
    CONSTRAINT pk_teacher_weekly_stats PRIMARY KEY (teacher_id, week_start, currency),
    CONSTRAINT ck_week_start_is_monday CHECK (extract(isodow FROM week_start) = 1)
);

-- Kafka delivers at least once: every consumed event id is recorded in the same transaction as
-- its effect, so a redelivered event changes nothing.
CREATE TABLE processed_events (
    event_id     uuid        PRIMARY KEY,
    processed_at timestamptz NOT NULL
);
