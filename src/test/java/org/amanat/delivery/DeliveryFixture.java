package org.amanat.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.amanat.TestClock;
import org.amanat.ledger.DueDelivery;
import org.amanat.ledger.NewNotice;
import org.amanat.ledger.TestLedgers;
import org.amanat.partner.MinistryKeys;
import org.amanat.partner.PartnerDirectory;
import org.amanat.partner.TestPartners;
import org.amanat.protocol.AlgorithmPolicy;
import org.amanat.protocol.Category;
import org.amanat.protocol.ItemKind;
import org.amanat.protocol.Notice;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.PartnerKit;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.TestPki;
import org.amanat.protocol.Urgency;

/** The real ledger, globaltube with TestPki's keys and its partner kit, and notices issued a minute before "now". */
final class DeliveryFixture {
    static final String PARTNER = "globaltube";
    static final String NODE = "node-1";
    static final Duration LEASE = Duration.ofSeconds(60);

    /** Whole seconds: the ledger keeps microseconds. */
    final TestClock clock = new TestClock(TestPki.NOW.truncatedTo(ChronoUnit.SECONDS));

    final TestLedgers ledgers = TestLedgers.create();
    final MinistryKeys ministry = TestPartners.ministry();
    final PartnerDirectory partners = new PartnerDirectory(List.of(TestPartners.partner(PARTNER)));
    final PartnerKit kit = new PartnerKit(
            PARTNER,
            TestPki.partner(KeyType.EC_P256).signing(),
            TestPki.partner(KeyType.EC_P256).encryption(),
            TestPki.ministry(KeyType.EC_P256).signing().certificate(),
            AlgorithmPolicy.strict(),
            clock);

    /** Issues a notice a minute ago and leases it to {@link #NODE}. */
    DueDelivery leased() {
        return leased(clock.instant().minus(Duration.ofMinutes(1)));
    }

    DueDelivery leased(Instant issuedAt) {
        issue(issuedAt);
        return ledgers.outbox()
                .claim(PARTNER, NODE, clock.instant(), LEASE, 1, false, Set.of())
                .get(0);
    }

    String issue(Instant issuedAt) {
        String id = UUID.randomUUID().toString();
        Notice notice = new Notice(
                Notice.PROTOCOL,
                id,
                NoticeType.TAKEDOWN,
                PARTNER,
                issuedAt,
                Urgency.URGENT,
                issuedAt.plus(TestPartners.ACK_WITHIN),
                issuedAt.plus(TestPartners.URGENT_WITHIN),
                Category.FRAUD,
                new Notice.LegalBasis("MR5/2020", "Art. 14"),
                List.of(new Notice.Item("https://globaltube.example/watch?v=abc123", ItemKind.URL, null)),
                "Fraudulent investment scheme.",
                new Notice.Issuer("Ministry of Communications", "officer-17", null),
                List.of(),
                null,
                null,
                null);
        ledgers.notices().issue(NewNotice.of(notice, "officer-17"));
        return id;
    }

    DeliverySettings settings() {
        return new DeliverySettings(true, Duration.ofMillis(50), 50, LEASE, NODE);
    }
}
