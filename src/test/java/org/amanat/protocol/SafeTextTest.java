package org.amanat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void aLineBreakCannotStartAForgedLogLine() {
        assertThat(SafeText.forLog("s-1\n2026-11-24 INFO forged"))
                .isEqualTo("s-1\\u000a2026-11-24 INFO forged")
                .doesNotContain("\n");
    }

    @Test
    void separatorsEscapesAndBidiOverridesAreShownNotObeyed() {
        assertThat(SafeText.forLog("a\r\u2028\u0085\u001b[2J\u202Eb"))
                .isEqualTo("a\\u000d\\u2028\\u0085\\u001b[2J\\u202eb");
    }

    @Test
    void aBackslashIsDoubledSoAnEscapeCannotBeFaked() {
        assertThat(SafeText.forLog("\\u000a")).isEqualTo("\\\\u000a");
    }

    @Test
    void longTextIsCut() {
        assertThat(SafeText.escape("x".repeat(50), 10)).isEqualTo("xxxxxxxxxx...");
        assertThat(SafeText.escape("x".repeat(10), 10)).isEqualTo("xxxxxxxxxx");
        assertThat(SafeText.forLog(null)).isEqualTo("null");
    }
}
