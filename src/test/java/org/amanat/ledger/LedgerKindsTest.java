package org.amanat.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.amanat.protocol.Refusal;
import org.amanat.protocol.Status;
import org.junit.jupiter.api.Test;

class LedgerKindsTest {
    @Test
    void everyPartnerReportHasItsOwnEventNamedAfterIt() {
        for (Status status : Status.values()) {
            assertThat(NoticeEventKind.reported(NoticeState.valueOf(status.name())))
                    .hasToString("STATUS_" + status);
        }
        assertThatThrownBy(() -> NoticeEventKind.reported(NoticeState.DELIVERED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyDeadlineHasItsOwnBreachEvent() {
        for (DeadlineKind kind : DeadlineKind.values()) {
            assertThat(NoticeEventKind.breach(kind)).hasToString("BREACH_" + kind);
        }
    }

    @Test
    void onlyTheClosingStatesHaveAClosingEvent() {
        assertThat(NoticeEventKind.closedAs(NoticeState.WITHDRAWN)).isEqualTo(NoticeEventKind.WITHDRAWN);
        assertThat(NoticeEventKind.closedAs(NoticeState.RESTORED)).isEqualTo(NoticeEventKind.RESTORED);
        assertThat(NoticeEventKind.closedAs(NoticeState.DECLINED)).isEqualTo(NoticeEventKind.DECLINED);
        assertThat(NoticeEventKind.closedAs(NoticeState.ABANDONED)).isEqualTo(NoticeEventKind.ABANDONED);
        assertThatThrownBy(() -> NoticeEventKind.closedAs(NoticeState.DELIVERED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStatusUpdatesRefusalKeepsTheProtocolsNameAndAReceiptsSaysReceiptOnce() {
        for (Refusal refusal : Refusal.values()) {
            assertThat(SecurityEventKind.statusRefused(refusal)).hasToString(refusal.name());
            assertThat(SecurityEventKind.receiptRefused(refusal)).hasToString("RECEIPT_" + refusal);
        }
    }

    @Test
    void everyKindFitsItsColumn() {
        // notice_event.kind is varchar(32), security_event.kind varchar(40) (V1, V2).
        assertThat(Arrays.stream(NoticeEventKind.values())
                        .mapToInt(k -> k.name().length())
                        .max()
                        .orElseThrow())
                .isLessThanOrEqualTo(32);
        assertThat(Arrays.stream(SecurityEventKind.values())
                        .mapToInt(k -> k.name().length())
                        .max()
                        .orElseThrow())
                .isLessThanOrEqualTo(40);
    }
}
