-- When the ticket started waiting for the requester (the SLA clock stops meanwhile), and the
-- requester's answer to the one-question satisfaction survey (1..5).
alter table ticket add column pending_since timestamp with time zone;
alter table ticket add column satisfaction_score integer;
