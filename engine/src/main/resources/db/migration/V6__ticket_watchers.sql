-- The other addresses of the reporting mail (To and Cc): their replies are kept, not hijacks.
create table ticket_watcher (
    ticket_id bigint       not null references ticket (id),
    address   varchar(320) not null,
    primary key (ticket_id, address)
);
