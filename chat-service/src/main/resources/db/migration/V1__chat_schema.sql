-- Chat rooms, their members, their messages, and the Kafka events already applied.
-- User ids are the JWT "sub" claim: opaque strings such as '2001'.

create table rooms (
    id         uuid         primary key,
    name       varchar(100) not null,
    type       varchar(16)  not null check (type in ('COURSE', 'GROUP', 'DIRECT')),
    course_id  uuid,
    created_by varchar(64)  not null,
    created_at timestamptz  not null default now(),
    constraint rooms_course_room_names_its_course check (type <> 'COURSE' or course_id is not null)
);

-- one COURSE room per course: the invoice-paid consumer must find exactly one room to add a student to
create unique index rooms_one_course_room_per_course on rooms (course_id) where type = 'COURSE';
-- GET /api/chat/rooms?courseId= also lists GROUP rooms of a course
create index rooms_course_id on rooms (course_id);

create table room_members (
    room_id   uuid        not null references rooms (id) on delete cascade,
    user_id   varchar(64) not null,
    joined_at timestamptz not null default now(),
    primary key (room_id, user_id)
);

-- "rooms the caller is a member of"
create index room_members_user_id on room_members (user_id);

create table messages (
    id         uuid        primary key,
    room_id    uuid        not null references rooms (id) on delete cascade,
    sender_id  varchar(64),
    kind       varchar(16) not null check (kind in ('USER', 'SYSTEM')),
    body       text        not null check (char_length(body) between 1 and 4000),
    created_at timestamptz not null default now(),
    -- a USER message has a sender, a SYSTEM message has none
    constraint messages_sender_matches_kind check ((kind = 'SYSTEM') = (sender_id is null))
);

-- a room's history in order
create index messages_room_id_created_at on messages (room_id, created_at, id);

-- Kafka events already applied, written in the same transaction as their effect (idempotent consumers)
create table processed_events (
    event_id     uuid        primary key,
    processed_at timestamptz not null default now()
);
