-- Fenced delivery. Every lease of an outbox entry gets a new token; a write that follows a send is
-- applied only while the node still holds that lease (owner, token, not expired), else it is kept
-- as a LATE attempt. Every verified receipt is kept with its attempt; the notice's receipt is the
-- first one and is never replaced.
alter table outbox add column lease_token bigint default 0 not null;

alter table delivery_attempt add column receipt_der bytea;
alter table delivery_attempt add column receipt_disposition varchar(16);
alter table delivery_attempt add column receipt_partner_reference varchar(200);
alter table delivery_attempt add column receipt_signature_algorithm varchar(64);

-- Attempts of one notice recorded by two nodes could share a number: number them again in the order
-- they were recorded (id), then let the database keep them unique.
update delivery_attempt set attempt_no = (select count(*) from delivery_attempt e
    where e.notice_id = delivery_attempt.notice_id and e.id <= delivery_attempt.id);
drop index delivery_attempt_by_notice;
create unique index delivery_attempt_by_notice on delivery_attempt (notice_id, attempt_no);
