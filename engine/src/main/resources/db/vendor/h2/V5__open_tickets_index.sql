-- H2 has no partial indexes; the demo database is small, a plain index serves the gauges.
create index ticket_open_priority_tier_idx on ticket (status, priority, tier);
