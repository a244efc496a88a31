-- The open-ticket gauges (TicketMetrics) count the tickets that are not closed, by priority and
-- tier. Only open tickets are in this index, so the count costs what is open, not the whole
-- history (bench/growth.sh: 235 ms -> 50 ms at 1M tickets, flat as closed tickets pile up).
create index ticket_open_priority_tier_idx on ticket (priority, tier) where status <> 'CLOSED';
