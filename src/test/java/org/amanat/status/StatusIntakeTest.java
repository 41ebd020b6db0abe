package org.amanat.status;

import static org.amanat.status.StatusFixture.FIRST;
import static org.amanat.status.StatusFixture.SECOND;
import static org.amanat.status.StatusFixture.minutes;
import static org.amanat.status.StatusFixture.removed;
import static org.amanat.status.StatusFixture.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.amanat.TestClock;
import org.amanat.ledger.AttemptOutcome;
import org.amanat.ledger.NoticeLedger;
import org.amanat.ledger.NoticeRecord;
import org.amanat.ledger.NoticeState;
import org.amanat.ledger.SecurityEventKind;
import org.amanat.ledger.SecurityEvents;
import org.amanat.ledger.TestLedgers;
import org.amanat.partner.MinistryKeys;
import org.amanat.partner.PartnerDirectory;
import org.amanat.partner.TestPartners;
import org.amanat.protocol.AlgorithmPolicy;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.Digests;
import org.amanat.protocol.Envelope;
import org.amanat.protocol.HttpWire;
import org.amanat.protocol.PartnerKit;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.Status;
import org.amanat.protocol.StatusReceipt;
import org.amanat.protocol.StatusUpdate;
import org.amanat.protocol.TestPki;
import org.amanat.protocol.Violation;
import org.amanat.web.OversizedRequestRefused;
import org.amanat.web.PartnerCertificateRefused;
import org.amanat.web.RateLimitRefused;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * The intake on the real ledger (in-memory H2) with real crypto: each test starts from an update globaltube
 * may send about its own notice, changes the one thing a rule guards, and expects that one outcome. The
 * notice was issued an hour before "now"; its action deadline (URGENT) is four hours after issue.
 */
@ExtendWith(OutputCaptureExtension.class)
class StatusIntakeTest {
    private static final String PARTNER = "globaltube";
    private static final String OTHER = "chirp";
    private static final Duration SKEW = TestPartners.SKEW;

    /** Whole seconds: the ledger keeps microseconds, the wire milliseconds. */
    private final TestClock clock = new TestClock(TestPki.NOW.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));

    private final Instant issuedAt = clock.instant().minus(Duration.ofHours(1));
    private final TestLedgers ledgers = TestLedgers.create();
    private final NoticeLedger notices = ledgers.notices();
    private final MinistryKeys ministry = TestPartners.ministry();
    private final PartnerDirectory partners =
            new PartnerDirectory(List.of(TestPartners.partner(PARTNER), TestPartners.otherPartner(OTHER)));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final StatusIntake intake = new StatusIntake(
            partners,
            ministry,
            notices,
            ledgers.statuses(),
            ledgers.securityEvents(),
            new Envelope(clock),
            clock,
            meters);
    private final PartnerKit kit = kit(PARTNER, TestPki.partner(KeyType.EC_P256), clock);
    private final String noticeId = StatusFixture.issue(notices, PARTNER, issuedAt);

    @Test
    void appliesAValidReportAndAnswersWithTheMinistrysReceiptForTheBytesReceived() {
        Instant actioned = clock.instant().minus(minutes(10));
        StatusUpdate update = update(
                noticeId,
                Status.ACTIONED,
                clock.instant(),
                removed(FIRST, actioned.minus(minutes(5))),
                removed(SECOND, actioned));
        byte[] sealed = seal(update);

        StatusReceipt receipt = kit.verifyStatusReceipt(intake.receive(PARTNER, sealed), update.statusId(), sealed);

        assertThat(receipt.noticeId()).isEqualTo(noticeId);
        assertThat(receipt.receivedAt()).isEqualTo(clock.instant());
        assertThat(receipt.digest()).isEqualTo(Digests.sha256Base64(sealed));
        NoticeRecord notice = notice();
        assertThat(notice.state()).isEqualTo(NoticeState.ACTIONED);
        assertThat(notice.actedAt()).as("the latest item time").isEqualTo(actioned);
        assertThat(notice.actionLate()).isFalse();
        assertThat(ledgers.statuses().items(noticeId))
                .extracting(i -> i.locator() + " " + i.outcome())
                .containsExactly(FIRST + " REMOVED", SECOND + " REMOVED");
        assertThat(securityEvents()).isEmpty();
    }

    @Test
    void anActionReportedWithoutItemTimesCountsFromWhenItWasSent() {
        Instant sentAt = clock.instant().minus(minutes(2));

        intake.receive(PARTNER, seal(update(noticeId, Status.PARTIALLY_ACTIONED, sentAt, removed(FIRST, null))));

        assertThat(notice().state()).isEqualTo(NoticeState.PARTIALLY_ACTIONED);
        assertThat(notice().actedAt()).isEqualTo(sentAt);
    }

    @Test
    void aRejectionIsNoAction() {
        intake.receive(PARTNER, seal(update(noticeId, Status.REJECTED, clock.instant())));

        assertThat(notice().state()).isEqualTo(NoticeState.REJECTED);
        assertThat(notice().statusReason()).isEqualTo("not unlawful here");
        assertThat(notice().actedAt()).isNull();
        assertThat(notice().actionLate()).isNull();
    }

    @Test
    void anActionAfterTheActionDeadlineIsKeptAsLate() {
        Instant deadline = issuedAt.plus(TestPartners.URGENT_WITHIN);
        clock.advance(Duration.ofHours(4));

        intake.receive(
                PARTNER,
                seal(update(noticeId, Status.ACTIONED, clock.instant(), removed(FIRST, deadline.plusSeconds(1)))));

        assertThat(notice().actionLate()).isTrue();
    }

    @Test
    void anActionExactlyAtTheActionDeadlineIsOnTime() {
        Instant deadline = issuedAt.plus(TestPartners.URGENT_WITHIN);
        clock.advance(Duration.ofHours(4));

        intake.receive(PARTNER, seal(update(noticeId, Status.ACTIONED, clock.instant(), removed(FIRST, deadline))));

        assertThat(notice().actionLate()).isFalse();
    }

    @Test
    void timesTheFinalReportFromIssue() {
        intake.receive(PARTNER, seal(update(noticeId, Status.ACTIONED, clock.instant(), removed(FIRST, null))));

        Timer timer = meters.find("amanat.notice.action.latency")
                .tag("partner", PARTNER)
                .timer();
        assertThat(timer).isNotNull();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.MINUTES)).isEqualTo(60.0);
    }

    @Test
    void aQuestionIsNotTimedAsAFinalReport() {
        intake.receive(PARTNER, seal(update(noticeId, Status.NEEDS_CLARIFICATION, clock.instant())));

        assertThat(notice().state()).isEqualTo(NoticeState.NEEDS_CLARIFICATION);
        assertThat(meters.find("amanat.notice.action.latency").timer()).isNull();
    }

    @Test
    void aReportOnANoticeTheMinistryWithdrewIsKeptButNotApplied() {
        ledgers.setNotice(noticeId, "state", NoticeState.WITHDRAWN.name());

        byte[] receipt =
                intake.receive(PARTNER, seal(update(noticeId, Status.ACTIONED, clock.instant(), removed(FIRST, null))));

        assertThat(receipt).isNotEmpty();
        assertThat(notice().state()).isEqualTo(NoticeState.WITHDRAWN);
        assertThat(meters.find("amanat.notice.action.latency").timer())
                .as("nothing was applied")
                .isNull();
    }

    @Test
    void refusesAMissingOrBlankPartnerHeader() {
        byte[] sealed = seal(update(noticeId, Status.ACTIONED, clock.instant()));

        for (String header : new String[] {null, " "}) {
            StatusRefusedException refusal = refusal(header, sealed);
            assertThat(refusal.status()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refusal.kind()).isEqualTo(SecurityEventKind.MALFORMED);
            assertThat(refusal.errors()).containsExactly(new Violation(HttpWire.PARTNER_HEADER, "is required"));
        }
        assertThat(notice().state()).isEqualTo(NoticeState.ISSUED);
    }

    @Test
    void refusesAPartnerHeaderThatIsNotAPartnerIdBeforeLookingItUp() {
        byte[] sealed = seal(update(noticeId, Status.ACTIONED, clock.instant()));

        for (String header :
                new String[] {"a", "Globaltube", "-globaltube", "globaltube\nINFO forged", "g" + "x".repeat(63)}) {
            StatusRefusedException refusal = refusal(header, sealed);
            assertThat(refusal.kind()).as(header).isEqualTo(SecurityEventKind.MALFORMED);
            assertThat(refusal.errors())
                    .singleElement()
                    .satisfies(v -> assertThat(v.message()).startsWith("must be a partner id"));
        }
    }

    @Test
    void refusesAWellFormedIdOfNoRegisteredPartnerAsForbidden() {
        byte[] sealed = seal(update(noticeId, Status.ACTIONED, clock.instant()));

        for (String header : new String[] {"ab", "g" + "x".repeat(62)}) {
            StatusRefusedException refusal = refusal(header, sealed);
            assertThat(refusal.status()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(refusal.kind()).as(header).isEqualTo(SecurityEventKind.UNKNOWN_PARTNER);
        }
    }

    @Test
    void recordsEachRefusalAsASecurityEventWithTheDigestOfTheBody() {
        byte[] sealed = seal(update(noticeId, Status.ACTIONED, clock.instant()));

        refusal("nobody", sealed);

        assertThat(securityEvents())
                .containsExactly(Map.of(
                        "at",
                        clock.instant(),
                        "partner",
                        "nobody",
                        "kind",
                        "UNKNOWN_PARTNER",
                        "detail",
                        HttpWire.PARTNER_HEADER + ": names no registered platform",
                        "digest",
                        Digests.sha256Base64(sealed)));
    }

    @Test
    void recordsAPartnerOverItsRateLimitOncePerRefusalEvent() {
        intake.recordRateLimited(new RateLimitRefused("/partner/v1/status", PARTNER, "50 per 1s"));

        assertThat(securityEvents())
                .containsExactly(
                        Map.of(
                                "at",
                                clock.instant(),
                                "partner",
                                PARTNER,
                                "kind",
                                "RATE_LIMITED",
                                "detail",
                                "(request): more than 50 per 1s; refused with 429, and so is every further request in this period, unrecorded"));
    }

    @Test
    void recordsAClientCertificateOfAnotherPartnerOrOfNoneAsACertificateMismatch() {
        intake.recordCertificateMismatch(
                new PartnerCertificateRefused("/partner/v1/status", PARTNER, "tube", "CN=tube"));
        intake.recordCertificateMismatch(
                new PartnerCertificateRefused("/partner/v1/status", PARTNER, null, "CN=stranger"));

        assertThat(securityEvents())
                .containsExactly(
                        Map.of(
                                "at",
                                clock.instant(),
                                "partner",
                                PARTNER,
                                "kind",
                                "CERTIFICATE_MISMATCH",
                                "detail",
                                HttpWire.PARTNER_HEADER
                                        + ": the client certificate is tube's, not the partner the header names"),
                        Map.of(
                                "at",
                                clock.instant(),
                                "partner",
                                PARTNER,
                                "kind",
                                "CERTIFICATE_MISMATCH",
                                "detail",
                                HttpWire.PARTNER_HEADER + ": the client certificate (CN=stranger) is no partner's"));
    }

    @Test
    void refusesAnUpdateSignedByAnotherPlatformAsForbidden() {
        PartnerKit impostor = kit(PARTNER, TestPki.otherPartner(KeyType.EC_P256), clock);
        byte[] sealed = impostor.sealStatus(
                update(noticeId, Status.ACTIONED, clock.instant()),
                ministry.encryption(AlgorithmProfile.EC).certificate());

        StatusRefusedException refusal = refusal(PARTNER, sealed);

        assertThat(refusal.status()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refusal.kind()).isEqualTo(SecurityEventKind.UNTRUSTED_SIGNER);
        assertThat(notice().state()).isEqualTo(NoticeState.ISSUED);
    }

    @Test
    void refusesATamperedSignatureAsForbidden() {
        var envelope = new Envelope(clock);
        byte[] signed = envelope.sign(
                org.amanat.protocol.ProtocolJson.write(update(noticeId, Status.ACTIONED, clock.instant())),
                TestPki.partner(KeyType.EC_P256).signing());
        signed[signed.length - 1] ^= 1; // the last byte is the signature value's
        byte[] sealed = envelope.encrypt(
                signed, ministry.encryption(AlgorithmProfile.EC).certificate());

        StatusRefusedException refusal = refusal(PARTNER, sealed);

        assertThat(refusal.kind()).isEqualTo(SecurityEventKind.BAD_SIGNATURE);
        assertThat(refusal.status()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void refusesAnEnvelopeSignedOutsideTheClockSkewAsUnprocessable() {
        PartnerKit slow = kit(
                PARTNER,
                TestPki.partner(KeyType.EC_P256),
                Clock.fixed(clock.instant().minus(SKEW).minusSeconds(60), java.time.ZoneOffset.UTC));
        byte[] sealed = slow.sealStatus(
                update(noticeId, Status.ACTIONED, clock.instant()),
                ministry.encryption(AlgorithmProfile.EC).certificate());

        StatusRefusedException refusal = refusal(PARTNER, sealed);

        assertThat(refusal.kind()).isEqualTo(SecurityEventKind.STALE_OR_FUTURE);
        assertThat(refusal.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    }

    @Test
    void refusesABodyThatIsNoEnvelopeAsABadRequest() {
        StatusRefusedException refusal = refusal(PARTNER, "{\"status\":\"ACTIONED\"}".getBytes());

        assertThat(refusal.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refusal.errors()).extracting(Violation::field).containsExactly("(body)");
    }

    @Test
    void refusesAWeakSignatureKeyAndRecordsTheAlgorithm() {
        var weak = TestPartners.partner(
                TestPartners.profile(PARTNER, java.net.URI.create("https://globaltube.example/")),
                TestPki.partner(KeyType.RSA_2048));
        var intakeOfWeak = new StatusIntake(
                new PartnerDirectory(List.of(weak)),
                ministry,
                notices,
                ledgers.statuses(),
                ledgers.securityEvents(),
                new Envelope(clock),
                clock,
                meters);
        byte[] sealed = kit(PARTNER, TestPki.partner(KeyType.RSA_2048), clock)
                .sealStatus(
                        update(noticeId, Status.ACTIONED, clock.instant()),
                        ministry.encryption(AlgorithmProfile.EC).certificate());

        StatusRefusedException refusal =
                catchThrowableOfType(StatusRefusedException.class, () -> intakeOfWeak.receive(PARTNER, sealed));

        assertThat(refusal.kind()).isEqualTo(SecurityEventKind.ALGORITHM_REFUSED);
        assertThat(refusal.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(ledgers.jdbc()
                        .sql("select algorithm from security_event")
                        .query(String.class)
                        .single())
                .isEqualTo("RSA-2048");
    }

    @Test
    void refusesInvalidFieldsNamingEachOne() {
        byte[] sealed = seal(new StatusUpdate(
                "amanat/2", "s-1\nforged", noticeId, clock.instant(), Status.ACTIONED, List.of(), null));

        StatusRefusedException refusal = refusal(PARTNER, sealed);

        assertThat(refusal.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refusal.kind()).isEqualTo(SecurityEventKind.MALFORMED);
        assertThat(refusal.errors()).extracting(Violation::field).containsExactly("protocol", "statusId");
    }

    @Test
    void acceptsASentAtAtEitherEdgeOfTheClockSkew() {
        intake.receive(
                PARTNER,
                seal(update(
                        noticeId, Status.NEEDS_CLARIFICATION, clock.instant().minus(SKEW))));
        intake.receive(
                PARTNER,
                seal(update(
                        noticeId, Status.NEEDS_CLARIFICATION, clock.instant().plus(SKEW))));

        assertThat(notice().state()).isEqualTo(NoticeState.NEEDS_CLARIFICATION);
    }

    @Test
    void refusesASentAtJustOutsideTheClockSkew() {
        for (Instant sentAt : List.of(
                clock.instant().minus(SKEW).minusMillis(1),
                clock.instant().plus(SKEW).plusMillis(1))) {
            StatusRefusedException refusal = refusal(PARTNER, seal(update(noticeId, Status.ACTIONED, sentAt)));

            assertThat(refusal.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
            assertThat(refusal.kind()).isEqualTo(SecurityEventKind.STALE_OR_FUTURE);
            assertThat(refusal.errors())
                    .containsExactly(
                            new Violation("sentAt", sentAt + " is more than PT5M away from " + clock.instant()));
        }
        assertThat(notice().state()).isEqualTo(NoticeState.ISSUED);
    }

    @Test
    void refusesAReportOnAnUnknownNoticeAndRecordsItsId() {
        String unknown = "01a20000-0000-7000-8000-00000000dead";

        StatusRefusedException refusal = refusal(PARTNER, seal(update(unknown, Status.ACTIONED, clock.instant())));

        assertThat(refusal.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(refusal.kind()).isEqualTo(SecurityEventKind.UNKNOWN_NOTICE);
        assertThat(ledgers.jdbc()
                        .sql("select notice_id from security_event")
                        .query(String.class)
                        .single())
                .isEqualTo(unknown);
    }

    @Test
    void refusesAReportOnAnotherPlatformsNotice() {
        String theirs = StatusFixture.issue(notices, OTHER, issuedAt);

        StatusRefusedException refusal = refusal(PARTNER, seal(update(theirs, Status.ACTIONED, clock.instant())));

        assertThat(refusal.status()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refusal.kind()).isEqualTo(SecurityEventKind.FOREIGN_NOTICE);
        assertThat(refusal.errors())
                .containsExactly(new Violation("noticeId", "the notice was not sent to globaltube"));
        assertThat(notices.find(theirs).orElseThrow().state()).isEqualTo(NoticeState.ISSUED);
    }

    @Test
    void refusesAReportThatBreaksTheReportRules() {
        StatusRefusedException refusal = refusal(
                PARTNER,
                seal(update(noticeId, Status.ACTIONED, clock.instant(), removed(FIRST, null), removed(FIRST, null))));

        assertThat(refusal.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(refusal.kind()).isEqualTo(SecurityEventKind.INVALID_REPORT);
        assertThat(refusal.errors()).containsExactly(new Violation("items[1].locator", "is reported twice"));
        assertThat(notice().state()).isEqualTo(NoticeState.ISSUED);
    }

    @Test
    void judgesItemTimesFromTheFirstAttemptNotFromIssue() {
        // attempts started 20 and 40 minutes after issue; the window opens 5 minutes (the skew) before the first
        attempt(issuedAt.plus(minutes(20)));
        attempt(issuedAt.plus(minutes(40)));

        StatusRefusedException refusal = refusal(
                PARTNER,
                seal(update(
                        noticeId,
                        Status.ACTIONED,
                        clock.instant(),
                        removed(FIRST, issuedAt.plus(minutes(15)).minusMillis(1)))));
        assertThat(refusal.kind()).isEqualTo(SecurityEventKind.INVALID_REPORT);

        intake.receive(
                PARTNER,
                seal(update(noticeId, Status.ACTIONED, clock.instant(), removed(FIRST, issuedAt.plus(minutes(15))))));
        assertThat(notice().actedAt()).isEqualTo(issuedAt.plus(minutes(15)));
    }

    @Test
    void judgesItemTimesFromIssueWhenNoAttemptIsOnRecord() {
        assertThat(refusal(
                                PARTNER,
                                seal(update(
                                        noticeId,
                                        Status.ACTIONED,
                                        clock.instant(),
                                        removed(FIRST, issuedAt.minus(SKEW).minusMillis(1)))))
                        .kind())
                .isEqualTo(SecurityEventKind.INVALID_REPORT);

        intake.receive(
                PARTNER,
                seal(update(noticeId, Status.ACTIONED, clock.instant(), removed(FIRST, issuedAt.minus(SKEW)))));
        assertThat(notice().state()).isEqualTo(NoticeState.ACTIONED);
    }

    @Test
    void refusesAReplayedStatusId() {
        byte[] sealed = seal(update(noticeId, Status.NEEDS_CLARIFICATION, clock.instant()));
        intake.receive(PARTNER, sealed);

        StatusRefusedException refusal = refusal(PARTNER, sealed);

        assertThat(refusal.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refusal.kind()).isEqualTo(SecurityEventKind.REPLAY);
        assertThat(refusal.errors()).extracting(Violation::field).containsExactly("statusId");
    }

    @Test
    void refusesAReportTheNoticesStateMayNotFollow() {
        intake.receive(PARTNER, seal(update(noticeId, Status.ACTIONED, clock.instant(), removed(FIRST, null))));

        StatusRefusedException refusal = refusal(PARTNER, seal(update(noticeId, Status.REJECTED, clock.instant())));

        assertThat(refusal.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refusal.kind()).isEqualTo(SecurityEventKind.TRANSITION_REFUSED);
        assertThat(notice().state()).isEqualTo(NoticeState.ACTIONED);
    }

    @Test
    void anUnexpectedFailureIsRefusedAsAnInternalErrorAndRecorded() {
        ledgers.setNotice(noticeId, "notice_json", "{not json");

        StatusRefusedException refusal = refusal(PARTNER, seal(update(noticeId, Status.ACTIONED, clock.instant())));

        assertThat(refusal.status()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(refusal.kind()).isEqualTo(SecurityEventKind.INTERNAL_ERROR);
        assertThat(refusal.errors())
                .containsExactly(new Violation("(body)", "could not be processed; it was not applied"));
        assertThat(securityEvents()).extracting(e -> e.get("kind")).containsExactly("INTERNAL_ERROR");
        assertThat(ledgers.jdbc()
                        .sql("select notice_id from security_event")
                        .query(String.class)
                        .single())
                .isEqualTo(noticeId);
    }

    @Test
    void theDatabaseBeingUnavailableIsPassedOnUnrecorded() {
        NoticeLedger down = mock(NoticeLedger.class);
        var failure = new CannotGetJdbcConnectionException("Connection is not available");
        when(down.find(anyString())).thenThrow(failure);
        SecurityEvents events = mock(SecurityEvents.class);
        doThrow(new AssertionError("nothing may be recorded")).when(events).record(any());
        var intakeWithoutDatabase = new StatusIntake(
                partners, ministry, down, ledgers.statuses(), events, new Envelope(clock), clock, meters);
        byte[] sealed = seal(update(noticeId, Status.ACTIONED, clock.instant()));

        assertThatThrownBy(() -> intakeWithoutDatabase.receive(PARTNER, sealed)).isSameAs(failure);
    }

    @Test
    void aRefusalStillGoesOutWhenItCannotBeRecorded() {
        SecurityEvents events = mock(SecurityEvents.class);
        doThrow(new DataAccessResourceFailureException("disk full"))
                .when(events)
                .record(any());
        var intakeWithoutRecord = new StatusIntake(
                partners, ministry, notices, ledgers.statuses(), events, new Envelope(clock), clock, meters);

        assertThatThrownBy(() -> intakeWithoutRecord.receive("nobody", new byte[] {1}))
                .isInstanceOfSatisfying(
                        StatusRefusedException.class,
                        r -> assertThat(r.kind()).isEqualTo(SecurityEventKind.UNKNOWN_PARTNER));
    }

    @Test
    void theRouteStepAnswersTheReceiptWithOnlyItsOwnHeaders() {
        Map<String, Object> headers =
                new HashMap<>(Map.of(HttpWire.PARTNER_HEADER, PARTNER, "X-Forwarded-For", "10.0.0.1"));
        StatusUpdate update = update(noticeId, Status.ACTIONED, clock.instant());
        byte[] sealed = seal(update);

        byte[] receipt = intake.receiveForRoute(sealed, PARTNER, headers);

        assertThat(kit.verifyStatusReceipt(receipt, update.statusId(), sealed).noticeId())
                .isEqualTo(noticeId);
        assertThat(headers)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(Exchange.HTTP_RESPONSE_CODE, 200, Exchange.CONTENT_TYPE, HttpWire.RECEIPT_CONTENT_TYPE));
    }

    @Test
    void theRouteStepTakesNoBodyAsAnEmptyOne() {
        assertThatThrownBy(() -> intake.receiveForRoute(null, PARTNER, new HashMap<>()))
                .isInstanceOfSatisfying(
                        StatusRefusedException.class,
                        r -> assertThat(r.status()).isEqualTo(HttpStatus.BAD_REQUEST));
        assertThat(ledgers.jdbc()
                        .sql("select digest from security_event")
                        .query(String.class)
                        .single())
                .isEqualTo(Digests.sha256Base64(new byte[0]));
    }

    @Test
    void recordsAnOversizedStatusBodyAsARefusal() {
        intake.recordOversized(new OversizedRequestRefused("/partner/v1/status", PARTNER, 1_048_576));

        assertThat(securityEvents())
                .containsExactly(Map.of(
                        "at",
                        clock.instant(),
                        "partner",
                        PARTNER,
                        "kind",
                        "TOO_LARGE",
                        "detail",
                        "(body): larger than 1048576 bytes"));
    }

    @Test
    void leavesOversizedRequestsToOtherEndpointsAlone() {
        intake.recordOversized(new OversizedRequestRefused("/api/v1/notices", null, 1_048_576));

        assertThat(securityEvents()).isEmpty();
    }

    @Test
    void logsWhetherAReportWasApplied(CapturedOutput output) {
        intake.receive(PARTNER, seal(update(noticeId, Status.NEEDS_CLARIFICATION, clock.instant())));
        assertThat(output.getOut())
                .contains("for notice " + noticeId + " from globaltube: NEEDS_CLARIFICATION applied");

        ledgers.setNotice(noticeId, "state", NoticeState.WITHDRAWN.name());
        intake.receive(PARTNER, seal(update(noticeId, Status.ACTIONED, clock.instant())));
        assertThat(output.getOut()).contains("from globaltube: ACTIONED kept, not applied (notice is WITHDRAWN)");
    }

    @Test
    void logsARefusalAsOneEscapedLine(CapturedOutput output) {
        refusal("globaltube\nINFO forged", new byte[] {1});

        assertThat(output.getOut())
                .contains("refused status update from globaltube\\u000aINFO forged (MALFORMED): ")
                .doesNotContain("\nINFO forged");
    }

    @Test
    void logsAnOversizedBodyLikeAnyRefusal(CapturedOutput output) {
        intake.recordOversized(new OversizedRequestRefused("/partner/v1/status", PARTNER, 1_048_576));

        assertThat(output.getOut())
                .contains("refused status update from globaltube (TOO_LARGE): (body): larger than 1048576 bytes");
    }

    private byte[] seal(StatusUpdate update) {
        return kit.sealStatus(update, ministry.encryption(AlgorithmProfile.EC).certificate());
    }

    private StatusRefusedException refusal(String header, byte[] sealed) {
        StatusRefusedException refusal =
                catchThrowableOfType(StatusRefusedException.class, () -> intake.receive(header, sealed));
        assertThat(refusal).as("refused").isNotNull();
        return refusal;
    }

    private NoticeRecord notice() {
        return notices.find(noticeId).orElseThrow();
    }

    private void attempt(Instant startedAt) {
        var outbox = ledgers.outbox();
        var delivery = outbox.claim(
                        PARTNER, "node-1", clock.instant(), Duration.ofMinutes(1), 1, true, java.util.Set.of())
                .get(0);
        outbox.recordFailed(
                AttemptOutcome.failed(delivery, startedAt, startedAt.plusSeconds(1), 503, null, "HTTP 503", true),
                clock.instant(),
                false,
                false);
    }

    /** Each recorded event without its null columns. */
    private List<Map<String, Object>> securityEvents() {
        return ledgers.jdbc()
                .sql("select at, partner_id, kind, detail, digest from security_event order by id")
                .query((rs, row) -> {
                    Map<String, Object> event = new HashMap<>();
                    event.put(
                            "at",
                            rs.getObject("at", java.time.OffsetDateTime.class).toInstant());
                    event.put("kind", rs.getString("kind"));
                    event.put("detail", rs.getString("detail"));
                    if (rs.getString("partner_id") != null) {
                        event.put("partner", rs.getString("partner_id"));
                    }
                    if (rs.getString("digest") != null) {
                        event.put("digest", rs.getString("digest"));
                    }
                    return event;
                })
                .list();
    }

    private PartnerKit kit(String partnerId, TestPki.Party keys, Clock kitClock) {
        return new PartnerKit(
                partnerId,
                keys.signing(),
                keys.encryption(),
                TestPki.ministry(KeyType.EC_P256).signing().certificate(),
                AlgorithmPolicy.strict(),
                kitClock);
    }
}
