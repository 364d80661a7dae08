-- Demo data for the local run and the e2e tests only: applied when learnhub.demo-data=true
-- (environment variable LEARNHUB_DEMO_DATA=true), a no-op otherwise. Flyway locations are fixed
-- at build time, so this location is always packaged and the switch is this placeholder instead.
-- Repeatable and idempotent: it never blocks later versioned migrations nor duplicates rows, and
-- Flyway re-runs it when the placeholder's value changes.
-- Course "Distributed Tracing 101" (c0ffee00-…-0001) is owned by payment-service; teacher 1001.

insert into rooms (id, name, type, course_id, created_by, created_at)
select 'c0ffee00-0000-4000-8000-000000000002', 'Distributed Tracing 101', 'COURSE',
       'c0ffee00-0000-4000-8000-000000000001', '1001', now()
where ${demo_data}
on conflict do nothing;

insert into room_members (room_id, user_id, joined_at)
select 'c0ffee00-0000-4000-8000-000000000002', '1001', now()
where ${demo_data}
  and exists (select 1 from rooms where id = 'c0ffee00-0000-4000-8000-000000000002')
on conflict do nothing;
