-- A requester's mail on a closed ticket goes to its open follow-up, found by the closed one's key.
create index ticket_related_key_idx on ticket (related_ticket_key);
