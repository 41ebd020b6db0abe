package org.amanat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Partners' receipts and status updates are read strictly: what a lenient parser would guess at is refused. */
class ProtocolJsonTest {
    private static final String RECEIPT = """
            {"protocol":"amanat/1","noticeId":"01a20f8e-2905-79c0-8000-000000000001","receivedAt":"2026-11-24T12:00:00Z",
             "digest":"abc=","disposition":"RECEIVED","partnerReference":"%s"}""";

    @Test
    void readsAWellFormedReceipt() {
        Receipt receipt = read(RECEIPT.formatted("ref-1"));

        assertThat(receipt.partnerReference()).isEqualTo("ref-1");
        assertThat(receipt.receivedAt()).isEqualTo(Instant.parse("2026-11-24T12:00:00Z"));
    }

    @Test
    void refusesAKeyGivenTwice() {
        String twice = RECEIPT.formatted("ref-1")
                .replace("\"protocol\"", "\"noticeId\":\"01a20f8e-2905-79c0-8000-000000000002\",\"protocol\"");

        assertRefused(twice, "(body): duplicate field 'noticeId'");
    }

    @Test
    void refusesContentAfterTheDocument() {
        assertRefused(
                RECEIPT.formatted("ref-1") + "{\"noticeId\":\"other\"}",
                "(body): content after the end of the JSON document");
    }

    @Test
    void refusesNumbersAndBooleansWhereAStringBelongs() {
        assertRefused(RECEIPT.formatted("ref-1").replace("\"ref-1\"", "12345"), "partnerReference: must be a string");
        assertRefused(RECEIPT.formatted("ref-1").replace("\"ref-1\"", "true"), "partnerReference: must be a string");
    }

    @Test
    void refusesAnEnumByItsIndexAndATimestampAsANumber() {
        assertRefused(RECEIPT.formatted("ref-1").replace("\"RECEIVED\"", "0"), "disposition: must be one of");
        assertRefused(
                RECEIPT.formatted("ref-1").replace("\"2026-11-24T12:00:00Z\"", "1795521600"),
                "receivedAt: must be a date-time string");
    }

    @Test
    void refusesOverlongUtf8ThatJacksonAloneWouldDecode() throws Exception {
        // 0xC0 0xBC is an overlong '<', 0xC0 0xBE an overlong '>': "<script>" in disguise
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        String[] halves = RECEIPT.split("%s");
        json.write(halves[0].getBytes(StandardCharsets.UTF_8));
        json.write(new byte[] {(byte) 0xC0, (byte) 0xBC});
        json.write("script".getBytes(StandardCharsets.UTF_8));
        json.write(new byte[] {(byte) 0xC0, (byte) 0xBE});
        json.write(halves[1].getBytes(StandardCharsets.UTF_8));
        byte[] overlong = json.toByteArray();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(overlong)
                        .get("partnerReference")
                        .asText())
                .as("Jackson's own decoder is lenient")
                .isEqualTo("<script>");

        assertThatThrownBy(() -> ProtocolJson.read(overlong, Receipt.class))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("not a valid Receipt JSON: not valid UTF-8");
    }

    @Test
    void refusesEncodedSurrogatesAndTruncatedSequences() {
        for (byte[] bad :
                new byte[][] {{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xFF}}) {
            byte[] json =
                    ("\"" + new String(bad, StandardCharsets.ISO_8859_1) + "\"").getBytes(StandardCharsets.ISO_8859_1);
            assertThatThrownBy(() -> ProtocolJson.read(json, String.class)).hasMessageEndingWith("not valid UTF-8");
        }
    }

    @Test
    void refusesDeepNesting() {
        String deep = "[".repeat(ProtocolJson.MAX_NESTING + 1) + "]".repeat(ProtocolJson.MAX_NESTING + 1);

        assertThatThrownBy(() -> ProtocolJson.read(deep.getBytes(StandardCharsets.UTF_8), Object.class))
                .hasMessageContaining("too deeply nested");
    }

    @Test
    void saysNothingOfJavaClassesWhenRefusing() {
        assertThatThrownBy(() -> read("{\"disposition\": {}}"))
                .hasMessageNotContaining("org.amanat")
                .hasMessageNotContaining("`");
        assertThatThrownBy(() -> read("{\"noticeId\": "))
                .hasMessage("not a valid Receipt JSON: (body): malformed JSON: the document ends too early");
        assertThatThrownBy(() -> read("{\"noticeId\": x}"))
                .hasMessage("not a valid Receipt JSON: (body): malformed JSON at line 1, column 15");
    }

    /** A document of every shape, so each kind of mismatch is named in words for whoever sent it. */
    record Shapes(String text, boolean flag, Integer number, List<Inner> list, Inner inner, Instant at) {}

    record Inner(String locator) {}

    @Test
    void namesWhatEachFieldMustBe() {
        assertShapeRefused("{\"flag\":\"yes\"}", "flag: must be true or false");
        assertShapeRefused("{\"number\":\"1\"}", "number: must be a number");
        assertShapeRefused("{\"list\":\"x\"}", "list: must be an array");
        assertShapeRefused("{\"inner\":\"x\"}", "inner: must be an object");
        assertShapeRefused("{\"list\":[{\"locator\":\"a\"},{\"locator\":5}]}", "list[1].locator: must be a string");
        assertShapeRefused("{\"list\":[{\"locator\":5}]}", "list[0].locator: must be a string");
    }

    @Test
    void namesAnUnknownFieldWhereTheReaderRefusesThem() {
        Throwable thrown = catchThrowable(
                () -> new ObjectMapper().readValue("{\"inner\":{\"locator\":\"a\",\"extra\":1}}", Shapes.class));

        assertThat(JsonFault.of((JsonProcessingException) thrown))
                .isEqualTo(new JsonFault("inner.extra", "unknown field"));
    }

    private static void assertShapeRefused(String json, String message) {
        assertThatThrownBy(() -> ProtocolJson.read(json.getBytes(StandardCharsets.UTF_8), Shapes.class))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("not a valid Shapes JSON: " + message);
    }

    private static Receipt read(String json) {
        return ProtocolJson.read(json.getBytes(StandardCharsets.UTF_8), Receipt.class);
    }

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageStartingWith("not a valid Receipt JSON: " + message);
    }
}
