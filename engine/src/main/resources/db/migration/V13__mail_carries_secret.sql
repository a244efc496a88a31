-- A mail we sent with a secret in it (a temporary password): replies to it quote it, so nothing of
-- them is kept.
alter table mail_message add column carries_secret boolean default false not null;
