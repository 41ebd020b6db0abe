package org.amanat.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.amanat.ledger.NewNotice;
import org.amanat.ledger.NoticeLedger;
import org.amanat.partner.TestPartners;
import org.amanat.protocol.Category;
import org.amanat.protocol.ItemKind;
import org.amanat.protocol.Notice;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Status;
import org.amanat.protocol.StatusUpdate;
import org.amanat.protocol.Urgency;

/** Notices and status updates for the status tests: an URGENT takedown of two items, issued at a fixed time. */
final class StatusFixture {
    static final String FIRST = "https://globaltube.example/watch?v=abc123";
    static final String SECOND = "https://globaltube.example/watch?v=def456";

    private StatusFixture() {}

    static Notice notice(String id, String partnerId, Instant issuedAt, List<String> locators) {
        return new Notice(
                Notice.PROTOCOL,
                id,
                NoticeType.TAKEDOWN,
                partnerId,
                issuedAt,
                Urgency.URGENT,
                issuedAt.plus(TestPartners.ACK_WITHIN),
                issuedAt.plus(TestPartners.URGENT_WITHIN),
                Category.FRAUD,
                new Notice.LegalBasis("MR5/2020", "Art. 14"),
                locators.stream()
                        .map(locator -> new Notice.Item(locator, ItemKind.URL, null))
                        .toList(),
                "Fraudulent investment scheme.",
                new Notice.Issuer("Ministry of Communications", "officer-17", null),
                List.of(),
                null,
                null,
                null);
    }

    /** Records an ISSUED notice of {@link #FIRST} and {@link #SECOND} to the partner; returns its id. */
    static String issue(NoticeLedger notices, String partnerId, Instant issuedAt) {
        String id = UUID.randomUUID().toString();
        Notice notice = notice(id, partnerId, issuedAt, List.of(FIRST, SECOND));
        notices.issue(NewNotice.of(notice, "officer-17"));
        return id;
    }

    static StatusUpdate update(String noticeId, Status status, Instant sentAt, StatusUpdate.ItemOutcome... items) {
        return new StatusUpdate(
                Notice.PROTOCOL,
                UUID.randomUUID().toString(),
                noticeId,
                sentAt,
                status,
                List.of(items),
                status == Status.REJECTED ? "not unlawful here" : null);
    }

    static StatusUpdate.ItemOutcome removed(String locator, Instant at) {
        return new StatusUpdate.ItemOutcome(locator, "REMOVED", at);
    }

    static Duration minutes(long n) {
        return Duration.ofMinutes(n);
    }
}
