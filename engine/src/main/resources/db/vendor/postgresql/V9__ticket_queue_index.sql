-- The agents' queue (GET /api/tickets): a group's open tickets, most urgent then oldest first.
-- Only open tickets are in the index, so a page costs what is open, not the whole history.
create index ticket_queue_idx on ticket (assignment_group, priority, opened_at, id) where status <> 'CLOSED';

-- It replaces the type/status/priority index, which no query of the desk uses.
drop index if exists ticket_status_priority_idx;
