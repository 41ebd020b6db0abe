package org.amanat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.TestPki.Party;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every field of a status update is checked as it is opened; each fixture changes one field of a valid baseline. */
class StatusMessagesTest {
    private static final String NOTICE_ID = "01a20000-0000-7000-8000-000000000001";
    private final Envelope envelope = new Envelope(Clock.systemUTC());
    private final StatusMessages messages = new StatusMessages(envelope);
    private final Party partner = TestPki.partner(KeyType.EC_P256);
    private final Party ministry = TestPki.ministry(KeyType.EC_P256);

    @Test
    void opensTheValidBaseline() {
        OpenedStatus opened = open(baseline());

        assertThat(opened.update().statusId()).isEqualTo("4f1c2a9e-0d7b-4c61-9a53-2b8e6f0c1d77");
        assertThat(opened.update().items()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            statusIdWithLineBreak        | "statusId":"4f1c2a9e-0d7b-4c61-9a53-2b8e6f0c1d77"  | "statusId":"s-1\\nINFO forged line"     | statusId
            statusIdOverLong             | "statusId":"4f1c2a9e-0d7b-4c61-9a53-2b8e6f0c1d77"  | "statusId":"%s"                         | statusId
            statusIdBlank                | "statusId":"4f1c2a9e-0d7b-4c61-9a53-2b8e6f0c1d77"  | "statusId":" "                          | statusId
            statusIdMissing              | "statusId":"4f1c2a9e-0d7b-4c61-9a53-2b8e6f0c1d77", |                                         | statusId
            noticeIdNotAUuid             | "noticeId":"01a20000-0000-7000-8000-000000000001"  | "noticeId":"../../etc/passwd"           | noticeId
            noticeIdUpperCase            | "noticeId":"01a20000-0000-7000-8000-000000000001"  | "noticeId":"01A20000-0000-7000-8000-000000000001" | noticeId
            protocolOfAnotherVersion     | "protocol":"amanat/1"                               | "protocol":"amanat/2"                   | protocol
            sentAtMissing                | "sentAt":"%t",                                      |                                         | sentAt
            statusMissing                | "status":"ACTIONED",                                |                                         | status
            locatorWithParagraphSeparator| "locator":"https://video.example/watch?v=abc123"    | "locator":"https://video.example/\\u2029x" | items[0].locator
            locatorWithBidiOverride      | "locator":"https://video.example/watch?v=abc123"    | "locator":"https://video.example/\\u202Egpj.exe" | items[0].locator
            locatorOverLong              | "locator":"https://video.example/watch?v=abc123"    | "locator":"%l"                          | items[0].locator
            locatorEmpty                 | "locator":"https://video.example/watch?v=abc123"    | "locator":""                            | items[0].locator
            outcomeLowerCaseFreeText     | "outcome":"REMOVED"                                 | "outcome":"removed, mostly"             | items[0].outcome
            outcomeOverLong              | "outcome":"REMOVED"                                 | "outcome":"%o"                          | items[0].outcome
            reasonOverLong               | "reason":"done"                                     | "reason":"%r"                           | reason
            reasonWithEscapeSequence     | "reason":"done"                                     | "reason":"done\\u001b[2J"               | reason
            """)
    void refusesFieldThatBreaksItsRule(String defect, String from, String to, String field) {
        String json = baseline().replace(fill(from), fill(to));
        assertThat(json).as(defect).isNotEqualTo(baseline());

        assertThatThrownBy(() -> open(json)).as(defect).isInstanceOfSatisfying(InvalidFieldsException.class, e -> {
            assertThat(e.kind()).isEqualTo(Refusal.MALFORMED);
            assertThat(e.problems()).extracting(Violation::field).containsExactly(field);
        });
    }

    @Test
    void refusesMoreThanAThousandItems() {
        String item = "{\"locator\":\"https://video.example/1\",\"outcome\":\"REMOVED\"}";
        String json =
                baseline().replaceFirst("\"items\":\\[.*?]", "\"items\":[" + (item + ",").repeat(1000) + item + "]");

        assertThatThrownBy(() -> open(json))
                .isInstanceOfSatisfying(
                        InvalidFieldsException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(new Violation("items", "at most 1000 items, found 1001")));
    }

    @Test
    void opensExactlyAThousandItems() {
        String item = "{\"locator\":\"https://video.example/1\",\"outcome\":\"REMOVED\"}";
        String json =
                baseline().replaceFirst("\"items\":\\[.*?]", "\"items\":[" + (item + ",").repeat(999) + item + "]");

        assertThat(open(json).update().items()).hasSize(1000);
    }

    @Test
    void aSingleBrokenFieldIsNamedInTheMessageWithoutACount() {
        String json = baseline().replace("\"protocol\":\"amanat/1\"", "\"protocol\":\"x\"");

        assertThatThrownBy(() -> open(json))
                .isInstanceOf(InvalidFieldsException.class)
                .hasMessage("not a valid status update: protocol: must be \"amanat/1\"");
    }

    @Test
    void allowsLineBreaksInAReason() {
        String json = baseline().replace("\"reason\":\"done\"", "\"reason\":\"first line\\nsecond line\"");

        assertThat(open(json).update().reason()).isEqualTo("first line\nsecond line");
    }

    @Test
    void namesEveryBrokenFieldAtOnce() {
        String json = baseline()
                .replace("\"outcome\":\"REMOVED\"", "\"outcome\":\"x\"")
                .replace("\"protocol\":\"amanat/1\"", "\"protocol\":\"x\"");

        assertThatThrownBy(() -> open(json))
                .isInstanceOfSatisfying(
                        InvalidFieldsException.class,
                        e -> assertThat(e.problems())
                                .extracting(Violation::field)
                                .containsExactly("protocol", "items[0].outcome"));
        assertThatThrownBy(() -> open(json))
                .hasMessageStartingWith("not a valid status update: 2 problems, first protocol: ");
    }

    @Test
    void refusesJsonNull() {
        assertThatThrownBy(() -> open("null")).isInstanceOf(InvalidFieldsException.class);
    }

    private static String fill(String fixture) {
        return fixture == null
                ? ""
                : fixture.strip()
                        .replace("%t", NOW)
                        .replace("%s", "s".repeat(101))
                        .replace("%l", "https://x.example/" + "a".repeat(2048))
                        .replace("%o", "A".repeat(65))
                        .replace("%r", "r".repeat(2001));
    }

    private OpenedStatus open(String json) {
        byte[] sealed = envelope.seal(
                json.getBytes(StandardCharsets.UTF_8),
                partner.signing(),
                ministry.encryption().certificate());
        return messages.open(sealed, ministry.encryption(), partner.signing().certificate(), AlgorithmPolicy.strict());
    }

    private static String baseline() {
        return ("{\"protocol\":\"amanat/1\",\"statusId\":\"4f1c2a9e-0d7b-4c61-9a53-2b8e6f0c1d77\",\"noticeId\":\""
                        + NOTICE_ID + "\","
                        + "\"sentAt\":\"%t\",\"status\":\"ACTIONED\","
                        + "\"items\":[{\"locator\":\"https://video.example/watch?v=abc123\",\"outcome\":\"REMOVED\",\"actionedAt\":\"%t\"}],"
                        + "\"reason\":\"done\"}")
                .replace("%t", NOW);
    }

    private static final String NOW = Instant.now().toString();
}
