package org.amanat.status;

import static org.amanat.status.StatusFixture.FIRST;
import static org.amanat.status.StatusFixture.SECOND;
import static org.amanat.status.StatusFixture.removed;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.amanat.protocol.Notice;
import org.amanat.protocol.Status;
import org.amanat.protocol.StatusUpdate;
import org.amanat.protocol.Violation;
import org.junit.jupiter.api.Test;

/** Each test changes one thing of a valid report on a two-item notice first sent at 10:00, received at 12:00, skew 5 min. */
class ReportRulesTest {
    private static final Instant FIRST_SENT = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant RECEIVED = Instant.parse("2026-03-02T12:00:00Z");
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final Notice NOTICE = StatusFixture.notice(
            "01a20000-0000-7000-8000-000000000001", "globaltube", FIRST_SENT.minusSeconds(30), List.of(FIRST, SECOND));

    @Test
    void acceptsEveryItemOnceWithinTheWindow() {
        assertThat(check(removed(FIRST, Instant.parse("2026-03-02T11:00:00Z")), removed(SECOND, null)))
                .isEmpty();
    }

    @Test
    void acceptsAsManyItemsAsTheNoticeHas() {
        assertThat(check(removed(SECOND, null), removed(FIRST, null))).isEmpty();
    }

    @Test
    void refusesMoreItemsThanTheNoticeHasWithThatOneProblemOnly() {
        assertThat(check(removed(FIRST, null), removed(SECOND, null), removed("https://elsewhere.example/x", null)))
                .containsExactly(new Violation("items", "the notice has 2 items, the update reports 3"));
    }

    @Test
    void refusesAnItemTheNoticeDoesNotHave() {
        assertThat(check(removed(FIRST, null), removed("https://globaltube.example/watch?v=zzz", null)))
                .containsExactly(new Violation("items[1].locator", "is not an item of the notice"));
    }

    @Test
    void refusesAnItemReportedTwice() {
        assertThat(check(removed(FIRST, null), removed(FIRST, null)))
                .containsExactly(new Violation("items[1].locator", "is reported twice"));
    }

    @Test
    void acceptsAnActionAtEitherEdgeOfTheWindow() {
        assertThat(check(removed(FIRST, Instant.parse("2026-03-02T09:55:00Z"))))
                .as("first sent less the skew")
                .isEmpty();
        assertThat(check(removed(FIRST, Instant.parse("2026-03-02T12:05:00Z"))))
                .as("received plus the skew")
                .isEmpty();
    }

    @Test
    void refusesAnActionJustBeforeTheNoticeWasFirstSentLessTheSkew() {
        assertThat(check(removed(FIRST, Instant.parse("2026-03-02T09:54:59.999Z"))))
                .containsExactly(
                        new Violation(
                                "items[0].actionedAt",
                                "must lie between 2026-03-02T09:55:00Z (when the notice was"
                                        + " first sent, less the clock skew) and 2026-03-02T12:05:00Z (when this update was received, plus the skew)"));
    }

    @Test
    void refusesAnActionJustAfterTheUpdateWasReceivedPlusTheSkew() {
        assertThat(check(removed(SECOND, null), removed(FIRST, Instant.parse("2026-03-02T12:05:00.001Z"))))
                .extracting(Violation::field)
                .containsExactly("items[1].actionedAt");
    }

    @Test
    void namesEveryFaultOfEveryItem() {
        assertThat(check(
                        removed("https://nowhere.example/", Instant.parse("2026-03-01T00:00:00Z")),
                        removed(FIRST, null)))
                .extracting(Violation::field)
                .containsExactly("items[0].locator", "items[0].actionedAt");
    }

    private static List<Violation> check(StatusUpdate.ItemOutcome... items) {
        var update = StatusFixture.update(NOTICE.noticeId(), Status.ACTIONED, RECEIVED, items);
        return ReportRules.check(update, NOTICE, FIRST_SENT, RECEIVED, SKEW);
    }
}
