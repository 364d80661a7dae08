-- common's mail outbox sends an email with an HTML body as text and HTML alternatives; null for a
-- text-only email, such as the payment confirmation.
alter table emails add column html_body text;
-- a subject id may name two things (report-service's weekly report: week and teacher id); the
-- table stays the same in every service that sends email
alter table emails alter column subject_id type varchar(128);
