package org.amanat.compliance.scorecard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.amanat.compliance.ComplianceFixtures;
import org.amanat.compliance.ComplianceLedgers;
import org.amanat.compliance.probe.Finding;
import org.amanat.compliance.probe.Severity;
import org.amanat.ledger.DeadlineKind;
import org.amanat.ledger.NoticeState;
import org.amanat.ledger.PassedDeadline;
import org.amanat.ledger.TestLedgers;
import org.amanat.partner.PartnerDirectory;
import org.amanat.partner.TestPartners;
import org.amanat.protocol.Category;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Urgency;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One partner's November on the real ledger, judged on 1 December at 08:00, every figure counted by hand. URGENT
 * notices owe a receipt within 1 h and a final report within 4 h, STANDARD ones the report within 24 h.
 */
class ScorecardsTest {
    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant AS_OF = Instant.parse("2026-12-01T08:00:00Z");

    private final TestLedgers ledgers = TestLedgers.create();
    private final PartnerDirectory partners =
            new PartnerDirectory(List.of(TestPartners.partner("globaltube"), TestPartners.otherPartner("chirp")));
    private final Scorecards scorecards = new Scorecards(
            partners,
            ComplianceLedgers.scorecardRows(ledgers),
            ComplianceLedgers.breaches(ledgers),
            ComplianceLedgers.findings(ledgers),
            ComplianceFixtures.settings(null, 500),
            Clock.fixed(AS_OF, ZoneOffset.UTC));

    @BeforeEach
    void november() {
        // n1: receipt after 30 min, actioned after 2 h: both on time
        String n1 = notice(NoticeType.TAKEDOWN, Urgency.URGENT, "2026-11-02T10:00:00Z");
        met(n1, "2026-11-02T10:30:00Z", "2026-11-02T12:00:00Z", NoticeState.ACTIONED, null);
        // n2: receipt after 1 h 30 min, actioned after 5 h: both late
        String n2 = notice(NoticeType.TAKEDOWN, Urgency.URGENT, "2026-11-02T11:00:00Z");
        met(n2, "2026-11-02T12:30:00Z", "2026-11-02T16:00:00Z", NoticeState.ACTIONED, null);
        // n3: receipt after 10 min, rejected after 1 h, with a reason
        String n3 = notice(NoticeType.BLOCK, Urgency.STANDARD, "2026-11-05T09:00:00Z");
        met(n3, "2026-11-05T09:10:00Z", "2026-11-05T10:00:00Z", NoticeState.REJECTED, "lawful");
        // n4: a withdrawal, received after 1 min; it owes no action
        String n4 = notice(NoticeType.WITHDRAWAL, Urgency.URGENT, "2026-11-05T12:00:00Z");
        met(n4, "2026-11-05T12:01:00Z", null, NoticeState.DELIVERED, null);
        // n5: never received (late since midnight); its report is due at 23:00 on the 1st: pending
        notice(NoticeType.TAKEDOWN, Urgency.STANDARD, "2026-11-30T23:00:00Z");
        // n6: withdrawn by the ministry after 30 min, before either deadline: moot
        String n6 = notice(NoticeType.TAKEDOWN, Urgency.URGENT, "2026-11-10T08:00:00Z");
        ledgers.setNotice(n6, "state", NoticeState.WITHDRAWN.name());
        ledgers.setNotice(n6, "closed_at", Instant.parse("2026-11-10T08:30:00Z"));
        // n7: receipt after 5 min, rejected after 20 min without a reason
        String n7 = notice(NoticeType.TAKEDOWN, Urgency.URGENT, "2026-11-20T10:00:00Z");
        met(n7, "2026-11-20T10:05:00Z", "2026-11-20T10:20:00Z", NoticeState.REJECTED, null);
        // not November's, or not globaltube's
        notice(NoticeType.TAKEDOWN, Urgency.URGENT, "2026-10-31T23:59:59Z");
        notice(NoticeType.TAKEDOWN, Urgency.URGENT, "2026-12-01T00:00:00Z");
        ledgers.issue(
                "chirp",
                NoticeType.TAKEDOWN,
                Urgency.URGENT,
                Category.FRAUD,
                Instant.parse("2026-11-02T10:00:00Z"),
                Instant.parse("2026-11-02T11:00:00Z"),
                Instant.parse("2026-11-02T14:00:00Z"));

        breach(n2, DeadlineKind.ACK);
        breach(n2, DeadlineKind.ACTION);
        breach(notice(NoticeType.TAKEDOWN, Urgency.URGENT, "2026-10-30T10:00:00Z"), DeadlineKind.ACK); // October's
        ComplianceLedgers.findings(ledgers)
                .reconcile(
                        "globaltube",
                        List.of(
                                new Finding("tls.weak", "endpoint", Severity.HIGH, "TLSv1.1"),
                                new Finding(
                                        "algorithm.receive-only", "receipt: RSA-PKCS1v15", Severity.MEDIUM, "PKCS#1")),
                        AS_OF);
    }

    @Test
    void countsTheNoticesOfThePeriodByTypeAndUrgency() {
        Scorecard card = scorecard();

        assertThat(card.partnerName()).isEqualTo("Partner globaltube");
        assertThat(card.from()).isEqualTo(FROM);
        assertThat(card.to()).isEqualTo(TO);
        assertThat(card.asOf()).isEqualTo(AS_OF);
        assertThat(card.notices()).isEqualTo(7);
        assertThat(card.noticesByType())
                .containsExactlyEntriesOf(new TreeMap<>(
                        Map.of(NoticeType.BLOCK, 1L, NoticeType.TAKEDOWN, 5L, NoticeType.WITHDRAWAL, 1L)));
        assertThat(card.noticesByUrgency())
                .containsExactlyInAnyOrderEntriesOf(Map.of(Urgency.STANDARD, 2L, Urgency.URGENT, 5L));
    }

    @Test
    void judgesTheReceiptsOfEveryNotice() {
        // on time: n1, n3, n4, n7; late: n2, n5; moot: n6. Latencies of the met ones: 60, 300, 600, 1800, 5400 s
        assertThat(scorecard().acknowledgement())
                .isEqualTo(new Scorecard.Timeliness(6, 4, 2, 0, 4.0 / 6, 600.0, 5400.0));
    }

    @Test
    void judgesTheReportsOfTheNoticesThatOweAction() {
        // on time: n1, n3, n7; late: n2; pending: n5; moot: n6; the withdrawal n4 owes none.
        // Latencies: 1200, 3600, 7200, 18000 s: p50 the 2nd, p95 the 4th
        assertThat(scorecard().action()).isEqualTo(new Scorecard.Timeliness(4, 3, 1, 1, 0.75, 3600.0, 18000.0));
    }

    @Test
    void sharesRejectionsAmongTheNoticesAnsweredWithTheirReasons() {
        Scorecard card = scorecard();

        // answered: n1, n2, n3, n7; rejected: n3, n7
        assertThat(card.rejected()).isEqualTo(2);
        assertThat(card.rejectedShare()).isEqualTo(0.5);
        assertThat(card.rejectionReasons())
                .containsExactlyEntriesOf(new TreeMap<>(Map.of("(no reason given)", 1L, "lawful", 1L)));
    }

    @Test
    void countsThePeriodsBreachesAndOpenFindings() {
        Scorecard card = scorecard();

        assertThat(card.breachesByKind())
                .containsExactlyEntriesOf(new EnumMap<>(Map.of(DeadlineKind.ACK, 1L, DeadlineKind.ACTION, 1L)));
        assertThat(card.openFindingsBySeverity())
                .containsExactlyEntriesOf(new EnumMap<>(Map.of(Severity.HIGH, 1L, Severity.MEDIUM, 1L)));
        assertThat(card.sanctions())
                .as("two breaches: below the warning letter's three")
                .isEmpty();
    }

    @Test
    void gradesFromTheRatesLessTheFindings() {
        // 100 x (0.3 x 4/6 + 0.7 x 0.75) = 20 + 52.5 = 72.5, less 5 (HIGH) and 2 (MEDIUM) = 65.5
        assertThat(scorecard().grade()).isEqualTo(new Scorecard.Grade(65.5, "D"));
    }

    @Test
    void givesEachDayWithNoticesItsMedians() {
        assertThat(scorecard().days())
                .containsExactly(
                        new Scorecard.Day(LocalDate.parse("2026-11-02"), 2, 1800.0, 7200.0),
                        new Scorecard.Day(LocalDate.parse("2026-11-05"), 2, 60.0, 3600.0),
                        new Scorecard.Day(LocalDate.parse("2026-11-10"), 1, null, null),
                        new Scorecard.Day(LocalDate.parse("2026-11-20"), 1, 300.0, 1200.0),
                        new Scorecard.Day(LocalDate.parse("2026-11-30"), 1, null, null));
    }

    @Test
    void recommendsSanctionsFromThePeriodsBreaches() {
        breach(
                ledgers.jdbc()
                        .sql("select id from notice where partner_id = 'globaltube' and issued_at = ?")
                        .param(Instant.parse("2026-11-30T23:00:00Z").atOffset(ZoneOffset.UTC))
                        .query(String.class)
                        .single(),
                DeadlineKind.ACK);

        assertThat(scorecard().sanctions())
                .extracting(Scorecard.Sanction::kind)
                .containsExactly(Scorecard.SanctionKind.WARNING_LETTER);
    }

    @Test
    void aPartnerWithNothingInThePeriodHasNothingDueAndAFullGrade() {
        Scorecard card = scorecards.of(partners.get("chirp"), Instant.parse("2026-10-01T00:00:00Z"), FROM);

        assertThat(card.notices()).isZero();
        assertThat(card.acknowledgement()).isEqualTo(new Scorecard.Timeliness(0, 0, 0, 0, null, null, null));
        assertThat(card.rejectedShare()).isNull();
        assertThat(card.days()).isEmpty();
        assertThat(card.grade()).isEqualTo(new Scorecard.Grade(100.0, "A"));
    }

    @Test
    void everyPartnersScorecardInOrderOfId() {
        assertThat(scorecards.all(FROM, TO))
                .extracting(Scorecard::partnerId, Scorecard::notices)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("chirp", 1L),
                        org.assertj.core.groups.Tuple.tuple("globaltube", 7L));
    }

    @Test
    void keepsLatenciesOfMoreNoticesThanItFirstMakesRoomFor() {
        for (int i = 0; i < 40; i++) {
            String id = notice(NoticeType.TAKEDOWN, Urgency.URGENT, "2026-11-25T10:00:00Z");
            ledgers.setNotice(
                    id, "delivered_at", Instant.parse("2026-11-25T10:00:00Z").plusSeconds(i + 1));
        }

        // 40 receipts after 1 to 40 s: the day's median is the 20th
        assertThat(scorecard().days())
                .filteredOn(d -> d.date().equals(LocalDate.parse("2026-11-25")))
                .singleElement()
                .satisfies(d -> assertThat(d.ackP50Seconds()).isEqualTo(20.0));
    }

    private Scorecard scorecard() {
        return scorecards.of(partners.get("globaltube"), FROM, TO);
    }

    private String notice(NoticeType type, Urgency urgency, String issued) {
        Instant issuedAt = Instant.parse(issued);
        Duration action = urgency.equals(Urgency.URGENT) ? TestPartners.URGENT_WITHIN : TestPartners.STANDARD_WITHIN;
        return ledgers.issue(
                "globaltube",
                type,
                urgency,
                Category.FRAUD,
                issuedAt,
                issuedAt.plus(TestPartners.ACK_WITHIN),
                issuedAt.plus(action));
    }

    private void met(String id, String deliveredAt, String respondedAt, NoticeState state, String reason) {
        ledgers.setNotice(id, "delivered_at", Instant.parse(deliveredAt));
        ledgers.setNotice(id, "responded_at", respondedAt == null ? null : Instant.parse(respondedAt));
        ledgers.setNotice(id, "state", state.name());
        ledgers.setNotice(id, "status_reason", reason);
    }

    private void breach(String noticeId, DeadlineKind kind) {
        var row = ledgers.jdbc()
                .sql("select type, ack_deadline, action_deadline from notice where id = ?")
                .param(noticeId)
                .query((rs, n) -> new PassedDeadline(
                        noticeId,
                        "globaltube",
                        NoticeType.valueOf(rs.getString(1)),
                        kind,
                        rs.getObject(kind == DeadlineKind.ACK ? 2 : 3, java.time.OffsetDateTime.class)
                                .toInstant(),
                        null,
                        null))
                .single();
        ComplianceLedgers.breaches(ledgers).record(row, AS_OF, "late", null);
    }
}
