-- PENDING_REQUESTER (waiting for the requester's answer) is longer than the first statuses.
alter table ticket alter column status set data type varchar(32);
