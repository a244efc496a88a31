-- A mail quarantined again before it left the inbox (a crash in between) finds its row by digest.
alter table quarantined_mail add column raw_sha256 varchar(64);
create index quarantined_mail_digest_idx on quarantined_mail (mailbox, raw_sha256);
