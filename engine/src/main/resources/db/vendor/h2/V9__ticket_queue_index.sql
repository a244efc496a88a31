-- The agents' queue (GET /api/tickets). H2 has no partial indexes; the demo database is small.
create index ticket_queue_idx on ticket (assignment_group, priority, opened_at);

-- It replaces the type/status/priority index, which no query of the desk uses.
drop index ticket_status_priority_idx;
