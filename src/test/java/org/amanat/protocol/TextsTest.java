package org.amanat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextsTest {

    @Test
    void acceptsOrdinaryValuesOfEveryKind() {
        assertThat(Texts.identifierProblem("officer-17", 100)).isNull();
        assertThat(Texts.identifierProblem("@akun_resmi", 100)).isNull();
        assertThat(Texts.lineProblem("Kementerian Komunikasi dan Digital", 200)).isNull();
        assertThat(Texts.lineProblem("نص عربي", 200)).isNull();
        assertThat(Texts.textProblem("First paragraph.\n\n\tSecond, with emoji \uD83D\uDE00.", 1000))
                .isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\u0000", "\r", "\n", "\u001b", "\u007f", "\u0085", "\u202e", "\u202a", "\u2066", "\u200b", "\u200d",
                "\u2060", "\ufeff", "\u061c", "\u2028", "\u2029", "\ud800", "\udc00"
            })
    void refusesControlFormatSeparatorAndUnpairedSurrogateInOneLineTexts(String bad) {
        assertThat(Texts.lineProblem("a" + bad + "b", 100))
                .startsWith("must not contain U+")
                .endsWith("at index 1");
        assertThat(Texts.identifierProblem("a" + bad + "b", 100)).startsWith("must not contain U+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\r", "\u001b", "\u202e", "\u200b", "\ufeff", "\u2028", "\ud800"})
    void multiLineTextsAllowOnlyLineFeedAndTabBeyondThat(String bad) {
        assertThat(Texts.textProblem("line one\nline" + bad + " two", 100)).startsWith("must not contain U+");
    }

    @Test
    void refusesSurrogateAtTheEndThatHasNoPartner() {
        assertThat(Texts.lineProblem("abc\ud83d", 100))
                .isEqualTo(
                        "must not contain U+D83D (a control, format or separator character or an unpaired surrogate) at index 3");
    }

    @Test
    void identifiersHoldNoWhitespaceAndTextsNoneAtTheirEnds() {
        assertThat(Texts.identifierProblem("officer 17", 100)).isEqualTo("must not contain whitespace");
        assertThat(Texts.identifierProblem("officer\u00a017", 100)).isEqualTo("must not contain whitespace");
        assertThat(Texts.lineProblem(" Ministry", 100)).isEqualTo("must not start or end with whitespace");
        assertThat(Texts.textProblem("Reasons.\n", 100)).isEqualTo("must not start or end with whitespace");
        assertThat(Texts.lineProblem("Ministry of Communications", 100)).isNull();
    }

    @Test
    void refusesMissingBlankAndTooLong() {
        assertThat(Texts.identifierProblem(null, 10)).isEqualTo("is required");
        assertThat(Texts.lineProblem("   ", 10)).isEqualTo("is required");
        assertThat(Texts.textProblem("x".repeat(11), 10)).isEqualTo("at most 10 characters, found 11");
        assertThat(Texts.textProblem("x".repeat(10), 10)).isNull();
    }
}
