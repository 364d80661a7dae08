-- Demo data for the local run and the e2e tests only, never in production.
-- Quarkus fixes Flyway locations at build time, so every jar carries this script; it inserts only
-- when learnhub.demo-data is true (environment variable LEARNHUB_DEMO_DATA=true; placeholder
-- demo_data, application.properties).
-- Repeatable and idempotent, so it neither blocks later versioned migrations nor duplicates rows.
-- Ids are fixed by docs/contracts.md: course c0ffee00-…-0001 (teacher 1001, notified at
-- user1001@dev.learnhub.local), invoice c0ffee00-…-0003
-- (student 2001, pending; confirmation email to user2001@dev.learnhub.local, the email claim of
-- infra/local/token's tokens). Its course room c0ffee00-…-0002 lives in chat-service.

do $$
begin
    if not ${demo_data} then
        return;
    end if;

    insert into courses (id, title, teacher_id, teacher_email, price, currency)
    values ('c0ffee00-0000-4000-8000-000000000001', 'Distributed Tracing 101', '1001', 'user1001@dev.learnhub.local',
            49.00, 'RUB')
    on conflict do nothing;
    -- a database whose demo course predates teacher emails gets the address too
    update courses set teacher_email = 'user1001@dev.learnhub.local'
    where id = 'c0ffee00-0000-4000-8000-000000000001' and teacher_email is null;

    insert into materials (id, course_id, title, position)
    values ('c0ffee00-0000-4000-8000-000000000101', 'c0ffee00-0000-4000-8000-000000000001', 'Spans and traces', 1),
           ('c0ffee00-0000-4000-8000-000000000102', 'c0ffee00-0000-4000-8000-000000000001', 'Context propagation', 2),
           ('c0ffee00-0000-4000-8000-000000000103', 'c0ffee00-0000-4000-8000-000000000001', 'Sampling', 3)
    on conflict do nothing;

    insert into invoices (id, student_id, student_email, course_id, amount, currency, status, created_at)
    values ('c0ffee00-0000-4000-8000-000000000003', '2001', 'user2001@dev.learnhub.local',
            'c0ffee00-0000-4000-8000-000000000001', 49.00, 'RUB', 'PENDING', now())
    on conflict do nothing;

    -- a database whose demo invoice predates confirmation emails gets the address too
    update invoices set student_email = 'user2001@dev.learnhub.local'
    where id = 'c0ffee00-0000-4000-8000-000000000003' and student_email is null;
end
$$;
