package org.amanat.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.amanat.protocol.Violation;
import org.amanat.web.InvalidRequestException;
import org.junit.jupiter.api.Test;

/** The Idempotency-Key header's form: none, one key bare or quoted, and a 400 naming the header for anything else. */
class IdempotencyKeyHeaderTest {
    private static final String UUID = "8e03978e-40d5-43e8-bc93-6894a57f9324";

    @Test
    void noHeaderIsNoKey() {
        assertThat(IdempotencyKeyHeader.read(null)).isNull();
        assertThat(IdempotencyKeyHeader.read(List.of())).isNull();
    }

    @Test
    void aQuotedKeyAndTheSameKeyBareAreTheSameKey() {
        assertThat(IdempotencyKeyHeader.read(List.of(UUID))).isEqualTo(UUID);
        assertThat(IdempotencyKeyHeader.read(List.of("\"" + UUID + "\""))).isEqualTo(UUID);
        assertThat(IdempotencyKeyHeader.read(List.of("a"))).isEqualTo("a");
        assertThat(IdempotencyKeyHeader.read(List.of("AZaz09._~:+/=-"))).isEqualTo("AZaz09._~:+/=-");
    }

    @Test
    void aKeyIsAtMost128Characters() {
        String longest = "k".repeat(IdempotencyKeyHeader.MAX_LENGTH);

        assertThat(IdempotencyKeyHeader.read(List.of(longest))).isEqualTo(longest);
        assertThat(IdempotencyKeyHeader.read(List.of("\"" + longest + "\""))).isEqualTo(longest);
        assertInvalid(List.of(longest + "k"), "must be 1 to 128 of");
    }

    @Test
    void refusesAnEmptyKeyAQuoteAloneAndCharactersToEscape() {
        for (String bad : List.of("", "\"\"", "\"", "\"abc", "abc\"", "a b", "a,b", "ключ", "a\nb", "\"a\"b\"")) {
            assertInvalid(List.of(bad), "must be 1 to 128 of A-Z a-z 0-9 . _ ~ : + / = -, optionally in double quotes");
        }
    }

    @Test
    void refusesTwoKeys() {
        assertInvalid(List.of(UUID, UUID), "must be sent once, with one key");
    }

    private static void assertInvalid(List<String> values, String message) {
        assertThatThrownBy(() -> IdempotencyKeyHeader.read(values))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.kind()).isEqualTo(InvalidRequestException.Kind.MALFORMED);
                    assertThat(e.problemType()).isEqualTo("invalid-idempotency-key");
                    assertThat(e.violations())
                            .singleElement()
                            .extracting(Violation::field)
                            .isEqualTo("Idempotency-Key");
                    assertThat(e.violations().get(0).message()).startsWith(message);
                });
    }
}
