-- Durable delivery across outages and nodes: issue order, overdue flags, who delivered what.

alter table outbox add column issued_at timestamp with time zone;
update outbox set issued_at = (select n.issued_at from notice n where n.id = outbox.notice_id);
alter table outbox alter column issued_at set not null;
alter table outbox add column flagged_at timestamp with time zone;
create index outbox_by_partner_due on outbox (partner_id, due_at, issued_at);

alter table delivery_attempt add column node_id varchar(100);
