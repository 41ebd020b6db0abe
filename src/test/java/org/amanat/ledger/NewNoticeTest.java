package org.amanat.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.amanat.protocol.Category;
import org.amanat.protocol.ItemKind;
import org.amanat.protocol.Notice;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.ProtocolJson;
import org.amanat.protocol.Urgency;
import org.junit.jupiter.api.Test;

class NewNoticeTest {
    private static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");
    private static final Notice RESTORE = new Notice(
            Notice.PROTOCOL,
            "0195f3a0-0000-7000-8000-000000000001",
            NoticeType.RESTORE,
            "tube",
            AT,
            Urgency.STANDARD,
            AT.plusSeconds(3600),
            AT.plusSeconds(86_400),
            Category.GAMBLING,
            new Notice.LegalBasis("MR5/2020", "Art. 14"),
            List.of(new Notice.Item("https://tube.example/v/1", ItemKind.URL, null)),
            "Reviewed: lawful.",
            new Notice.Issuer("Ministry", "officer-1", null),
            List.of(),
            "0195f3a0-0000-7000-8000-000000000000",
            null,
            null);

    @Test
    void aNoticesRowHoldsItsFieldsAndItsExactSignedJson() {
        NewNotice row = NewNotice.of(RESTORE, "officer-1");

        assertThat(row)
                .isEqualTo(new NewNotice(
                        RESTORE.noticeId(),
                        "tube",
                        NoticeType.RESTORE,
                        Urgency.STANDARD,
                        Category.GAMBLING,
                        AT,
                        AT.plusSeconds(3600),
                        AT.plusSeconds(86_400),
                        new String(ProtocolJson.write(RESTORE), StandardCharsets.UTF_8),
                        RESTORE.relatesTo(),
                        null,
                        null,
                        "officer-1",
                        null));
        assertThat(row.held()).isFalse();
    }

    @Test
    void movingAndHoldingChangeOnlyWhatTheySay() {
        NewNotice row = NewNotice.of(RESTORE, "officer-1");

        assertThat(row.moving(NoticeState.ACTIONED, NoticeState.RESTORED))
                .isEqualTo(new NewNotice(
                        row.id(),
                        row.partnerId(),
                        row.type(),
                        row.urgency(),
                        row.category(),
                        row.issuedAt(),
                        row.ackDeadline(),
                        row.actionDeadline(),
                        row.noticeJson(),
                        row.relatesTo(),
                        NoticeState.RESTORED,
                        NoticeState.ACTIONED,
                        "officer-1",
                        null));
        NewNotice held = row.heldFor("URGENT");
        assertThat(held.held()).isTrue();
        assertThat(held)
                .isEqualTo(new NewNotice(
                        row.id(),
                        row.partnerId(),
                        row.type(),
                        row.urgency(),
                        row.category(),
                        row.issuedAt(),
                        row.ackDeadline(),
                        row.actionDeadline(),
                        row.noticeJson(),
                        row.relatesTo(),
                        null,
                        null,
                        "officer-1",
                        "URGENT"));
    }
}
