package org.amanat.notice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.amanat.ledger.IdempotencyKey;
import org.amanat.ledger.IdempotencyKeyTakenException;
import org.amanat.ledger.NoticeLedger;
import org.amanat.protocol.Digests;
import org.amanat.protocol.ProtocolJson;
import org.amanat.protocol.Violation;
import org.amanat.web.InvalidRequestException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * {@code POST /api/v1/notices} with an {@code Idempotency-Key}: the first request with a person's key makes the
 * notice, and records the key with it in one transaction; the same key with the same request, until the key expires,
 * answers that notice again instead of making another; with another request, 422; while the first is still being
 * handled on this node, 409. On several nodes the ledger's primary key decides: the request that loses the race finds
 * the winner's notice once it has committed.
 */
@Service
class IdempotentNotices {
    private final NoticeIssuer issuer;
    private final NoticeLedger ledger;
    private final Clock clock;
    private final Duration lifetime;
    /** principal + key of the requests being handled on this node. */
    private final Set<List<String>> inFlight = ConcurrentHashMap.newKeySet();

    IdempotentNotices(
            NoticeIssuer issuer,
            NoticeLedger ledger,
            Clock clock,
            @Value("${amanat.api.idempotency-key-lifetime:24h}") Duration lifetime) {
        this.issuer = issuer;
        this.ledger = ledger;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** The notice's id, and whether it was made by an earlier request with this key. */
    record Issued(String noticeId, boolean replayed) {}

    Issued issue(NoticeRequest request, String actor, String key) {
        List<String> claim = List.of(actor, key);
        if (!inFlight.add(claim)) {
            throw inProgress();
        }
        try {
            String digest = Digests.sha256Base64(ProtocolJson.write(request));
            Instant now = clock.instant();
            Optional<Issued> earlier = earlier(actor, key, digest, now);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            try {
                var notice =
                        issuer.issue(request, actor, new IdempotencyKey(actor, key, digest, now, now.plus(lifetime)));
                return new Issued(notice.noticeId(), false);
            } catch (IdempotencyKeyTakenException raced) {
                // another node committed this key first; its notice is the answer (or, if it rolled back since, retry)
                return earlier(actor, key, digest, clock.instant()).orElseThrow(IdempotentNotices::inProgress);
            }
        } finally {
            inFlight.remove(claim);
        }
    }

    private Optional<Issued> earlier(String actor, String key, String digest, Instant now) {
        return ledger.idempotencyKey(actor, key, now).map(use -> {
            if (!use.requestDigest().equals(digest)) {
                throw new InvalidRequestException(
                        InvalidRequestException.Kind.INVALID,
                        "idempotency-key-reused",
                        List.of(new Violation(
                                IdempotencyKeyHeader.NAME,
                                "was used for another request (notice " + use.noticeId()
                                        + "); use a new key for a new request")));
            }
            return new Issued(use.noticeId(), true);
        });
    }

    private static InvalidRequestException inProgress() {
        return new InvalidRequestException(
                InvalidRequestException.Kind.CONFLICT,
                "idempotency-key-in-use",
                List.of(new Violation(
                        IdempotencyKeyHeader.NAME,
                        "a request with this key is still being handled; try again once it has been answered")));
    }
}
