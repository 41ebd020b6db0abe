-- Idempotency-Key on POST /api/v1/notices (issue 11): the key a person sent, a digest of the request it came with, and
-- the notice it made. Written in the notice's own transaction, so a notice is never stored without its key (a client
-- that retries after a 503 at commit gets that notice, not a second one). The primary key is the guard against two
-- requests with the same key racing, on one node or several: one commits, the other rolls back and finds its notice.
-- Keys are per person: two people may use the same key. A key is honoured until expires_at; after that it may be
-- used again, and its row is then replaced.
create table idempotency_key (
    principal      varchar(100) not null,
    idem_key       varchar(128) not null,
    request_digest varchar(44)  not null,
    notice_id      varchar(36)  not null references notice (id),
    created_at     timestamp with time zone not null,
    expires_at     timestamp with time zone not null,
    primary key (principal, idem_key)
);
