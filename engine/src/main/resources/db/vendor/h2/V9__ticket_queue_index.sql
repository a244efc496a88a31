-- The agents' queue (GET /api/tickets). H2 has no partial indexes; the demo database is small.
create index ticket_queue_idx on ticket (assignment_group, priority, opened_at, id);

-- It replaces the type/status/priority index, which no query of the desk uses.
drop index if exists ticket_status_priority_idx;
