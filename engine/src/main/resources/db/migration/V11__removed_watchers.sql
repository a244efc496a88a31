-- Whom an agent took off a ticket's watchers: a Cc on the requester's next mail does not add them again.
create table ticket_removed_watcher (
    ticket_id bigint       not null references ticket (id),
    address   varchar(320) not null,
    primary key (ticket_id, address)
);
