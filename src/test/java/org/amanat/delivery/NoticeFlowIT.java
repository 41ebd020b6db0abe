package org.amanat.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.amanat.Api;
import org.amanat.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** On embedded H2, as the gateway runs by default; and a ledger that fails just as a receipt arrives. */
class NoticeFlowIT extends AbstractNoticeFlowIT {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Test
    void aVerifiedReceiptTheLedgerCouldNotRecordStaysTheNoticesEvidence() {
        String id = api().issue(Api.validNotice("unrecorded"));
        // The partner answers after a second; until then the ledger is made to refuse this notice's DELIVERED.
        // H2 only: on PostgreSQL the attempt ended in a time-out while the constraint was added, so this way
        // of making the ledger fail does not work there.
        String constraint = "refuse_" + id.replace("-", "_");
        jdbc.sql("alter table notice add constraint " + constraint + " check (state <> 'DELIVERED' or id <> '" + id
                        + "')")
                .update();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api().notice(id).get("attempts").size() >= 1);
        jdbc.sql("alter table notice drop constraint " + constraint).update();

        JsonNode delivered = awaitState(id, "DELIVERED");

        JsonNode first = delivered.at("/attempts/0");
        assertThat(first.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(first.get("reason").asText()).contains("could not be recorded");
        byte[] firstReceipt = jdbc.sql(
                        "select receipt_der from delivery_attempt where notice_id = ? and attempt_no = 1")
                .param(id)
                .query(byte[].class)
                .single();
        assertThat(firstReceipt).as("kept with the failed attempt").isNotNull();
        assertThat(ledger.receiptDer(id))
                .as("the first verified receipt is the evidence")
                .contains(firstReceipt);
        assertThat(delivered.get("deliveredAt").asText())
                .isEqualTo(first.get("finishedAt").asText());
    }
}
