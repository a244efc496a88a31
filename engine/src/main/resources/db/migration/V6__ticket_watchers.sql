-- The other addresses of the reporting mail (To and Cc): their replies are kept, not hijacks.
create table ticket_watcher (
    ticket_id bigint       not null references ticket (id),
    address   varchar(320) not null,
    primary key (ticket_id, address)
);

-- Who sent the reporting mail when its Reply-To named someone else as the requester.
alter table ticket add column sender_email varchar(320);
