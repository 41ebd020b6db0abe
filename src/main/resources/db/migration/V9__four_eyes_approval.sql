-- Four-eyes approval. A notice the approval policy holds is recorded PENDING_APPROVAL: no outbox entry
-- (nothing to seal or send) and no deadlines. A second person approves it (it becomes ISSUED: its issue
-- time, deadlines, notice JSON and outbox entry are set at that moment, so the partner's deadlines run
-- from approval) or declines it (DECLINED, final, never sealed). A notice without deadlines was never
-- issued to its partner (held and not approved): scorecards and the deadline watch leave it out.
alter table notice alter column ack_deadline drop not null;
alter table notice alter column action_deadline drop not null;

-- Who asked for the notice, and when (issued_at is when it went to the partner: at approval for a held one).
-- The gateway always writes both; a row without submitted_at (written by other tools) reads it as issued_at.
alter table notice add column submitted_at timestamp with time zone;
update notice set submitted_at = issued_at;
alter table notice add column submitted_by varchar(100);

-- Why the policy held it (null: not held), and the second person's decision. The decision is made by a
-- conditional update from PENDING_APPROVAL, so of concurrent decisions (and a withdrawal) exactly one wins.
alter table notice add column held_for varchar(200);
alter table notice add column decision varchar(16);
alter table notice add column decided_by varchar(100);
alter table notice add column decided_at timestamp with time zone;
alter table notice add column decision_reason varchar(2000);
