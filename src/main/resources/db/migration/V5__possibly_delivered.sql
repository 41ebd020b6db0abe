-- Whether an attempt may have put the notice in the partner's hands although no receipt proves it:
-- the request was sent and then the answer timed out, was refused or was an HTTP error. Withdrawing
-- such a notice sends the partner a WITHDRAWAL notice instead of saying it was never sent.
alter table outbox add column possibly_delivered boolean default false not null;
