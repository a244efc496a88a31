-- A mail a job sent, by the job and the mail's content: the job run again (after a failure or a
-- crash) finds it and does not send it twice. Null for mail that was received or sent outside a job.
alter table mail_message add column delivery_key varchar(160);
create unique index mail_message_delivery_idx on mail_message (delivery_key);
