package org.amanat.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.amanat.protocol.Category;
import org.amanat.protocol.ItemKind;
import org.amanat.protocol.Notice;
import org.amanat.protocol.Notice.Item;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Urgency;
import org.junit.jupiter.api.Test;

/** What the default policy holds for a second person, from a STANDARD TAKEDOWN of one URL that it lets through. */
class ApprovalPolicyTest {
    private static final Item URL = new Item("https://casino.example/play", ItemKind.URL, null);
    private static final Item DOMAIN = new Item("casino.example", ItemKind.DOMAIN, null);
    private final ApprovalPolicy defaults = new ApprovalPolicy(new ApprovalSettings(true, true, true, 100));

    @Test
    void letsAStandardTakedownOfOneUrlGoOutAtOnce() {
        assertThat(defaults.heldFor(notice(NoticeType.TAKEDOWN, Urgency.STANDARD, List.of(URL))))
                .isNull();
    }

    @Test
    void holdsEveryUrgentNotice() {
        assertThat(defaults.heldFor(notice(NoticeType.TAKEDOWN, Urgency.URGENT, List.of(URL))))
                .isEqualTo("URGENT");
        assertThat(defaults.heldFor(notice(NoticeType.RESTORE, Urgency.URGENT, List.of(URL))))
                .isEqualTo("URGENT");
    }

    @Test
    void holdsABlockOfADomainButNotABlockOfAUrlNorATakedownOfADomain() {
        assertThat(defaults.heldFor(notice(NoticeType.BLOCK, Urgency.STANDARD, List.of(URL, DOMAIN))))
                .isEqualTo("BLOCK of a DOMAIN");
        assertThat(defaults.heldFor(notice(NoticeType.BLOCK, Urgency.STANDARD, List.of(URL))))
                .isNull();
        assertThat(defaults.heldFor(notice(NoticeType.TAKEDOWN, Urgency.STANDARD, List.of(DOMAIN))))
                .isNull();
    }

    @Test
    void holdsANoticeOfMoreThanAHundredItemsButNotOfAHundred() {
        assertThat(defaults.heldFor(notice(NoticeType.TAKEDOWN, Urgency.STANDARD, Collections.nCopies(101, URL))))
                .isEqualTo("more than 100 items");
        assertThat(defaults.heldFor(notice(NoticeType.TAKEDOWN, Urgency.STANDARD, Collections.nCopies(100, URL))))
                .isNull();
    }

    @Test
    void namesEveryReasonThatApplies() {
        assertThat(defaults.heldFor(notice(NoticeType.BLOCK, Urgency.URGENT, Collections.nCopies(101, DOMAIN))))
                .isEqualTo("URGENT, BLOCK of a DOMAIN, more than 100 items");
    }

    @Test
    void neverHoldsAWithdrawalWhichWouldKeepAnOrderInForce() {
        assertThat(defaults.heldFor(notice(NoticeType.WITHDRAWAL, Urgency.URGENT, Collections.nCopies(101, DOMAIN))))
                .isNull();
    }

    @Test
    void eachRuleCanBeTurnedOffAndTheWholePolicyToo() {
        Notice urgentDomainBlock = notice(NoticeType.BLOCK, Urgency.URGENT, Collections.nCopies(101, DOMAIN));
        assertThat(new ApprovalPolicy(new ApprovalSettings(true, false, true, 100)).heldFor(urgentDomainBlock))
                .isEqualTo("BLOCK of a DOMAIN, more than 100 items");
        assertThat(new ApprovalPolicy(new ApprovalSettings(true, false, false, 1000)).heldFor(urgentDomainBlock))
                .isNull();
        assertThat(new ApprovalPolicy(new ApprovalSettings(false, true, true, 0)).heldFor(urgentDomainBlock))
                .isNull();
    }

    private static Notice notice(NoticeType type, Urgency urgency, List<Item> items) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new Notice(
                Notice.PROTOCOL,
                "0190a0a0-0000-7000-8000-000000000001",
                type,
                "tube",
                now,
                urgency,
                now,
                now,
                Category.GAMBLING,
                new Notice.LegalBasis("MR5/2020", "Art. 14"),
                items,
                "Unlicensed online gambling.",
                new Notice.Issuer("Ministry", "officer-1", null),
                List.of(),
                null,
                null,
                null);
    }
}
