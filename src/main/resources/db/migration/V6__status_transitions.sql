-- Whether a status update changed its notice's state. One that arrives after the ministry closed the
-- notice (WITHDRAWN, RESTORED, ABANDONED), or repeats a final report, is kept as evidence but not applied.
alter table status_update add column applied boolean default true not null;
