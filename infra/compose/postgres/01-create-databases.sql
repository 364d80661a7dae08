-- Runs once, when the postgres container initialises an empty data volume
-- (/docker-entrypoint-initdb.d). One database per service (docs/contracts.md: DB_NAME).
-- Each service's Flyway migrations create the schema at start-up.
CREATE DATABASE chat;
CREATE DATABASE payments;
CREATE DATABASE reports;
