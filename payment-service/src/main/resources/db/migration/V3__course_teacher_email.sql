-- Where the course's teacher is notified (report-service's enrolment email and weekly report):
-- carried in payments.invoice-paid.v1 as teacherEmail, so report-service learns its teachers and
-- their addresses from the events. Nullable: a course without one is still sold, its teacher is
-- simply not emailed.
alter table courses add column teacher_email varchar(320);
