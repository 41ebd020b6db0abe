package org.amanat.protocol;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.amanat.protocol.Pki.KeyType;
import org.junit.jupiter.api.Test;

class Asn1StructureTest {
    private final Envelope envelope = new Envelope(Clock.systemUTC());

    @Test
    void acceptsRealMessagesOfBothProfiles() {
        for (KeyType type : new KeyType[] {KeyType.RSA_3072, KeyType.EC_P256}) {
            byte[] signed = envelope.sign(
                    "{}".getBytes(StandardCharsets.UTF_8), TestPki.partner(type).signing());
            byte[] sealed =
                    envelope.encrypt(signed, TestPki.ministry(type).encryption().certificate());

            assertThatCode(() -> Asn1Structure.check(signed, "SignedData")).doesNotThrowAnyException();
            assertThatCode(() -> Asn1Structure.check(sealed, "AuthEnvelopedData"))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void acceptsNestingUpToTheLimitInBothLengthForms() {
        assertThatCode(() -> Asn1Structure.check(HostileDer.nestedIndefinite(Asn1Structure.MAX_DEPTH), "x"))
                .doesNotThrowAnyException();
        assertThatCode(() -> Asn1Structure.check(HostileDer.nestedDefinite(Asn1Structure.MAX_DEPTH), "x"))
                .doesNotThrowAnyException();
    }

    /** Tag numbers of 31 and more take extra bytes (X.690 8.1.2.4): up to four are read, each but the last with bit 8 set. */
    @Test
    void acceptsHighTagNumbersOfUpToFourBytes() {
        assertThatCode(() -> Asn1Structure.check(bytes(0x5F, 0x1F, 0x00), "x")).doesNotThrowAnyException();
        assertThatCode(() -> Asn1Structure.check(bytes(0x7F, 0x81, 0x01, 0x03, 0x04, 0x01, 0x00), "x"))
                .doesNotThrowAnyException();
        assertThatCode(() -> Asn1Structure.check(bytes(0x5F, 0x81, 0x81, 0x81, 0x01, 0x00), "x"))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesATagNumberLongerThanFourBytesOrCutShort() {
        assertThatThrownBy(() -> Asn1Structure.check(bytes(0x5F, 0x81, 0x81, 0x81, 0x81, 0x01, 0x00), "x"))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("not x: tag number too long at offset 5");
        assertThatThrownBy(() -> Asn1Structure.check(bytes(0x5F, 0x81), "x"))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("not x: truncated at offset 2");
        assertThatThrownBy(() -> Asn1Structure.check(bytes(0x7F, 0x81, 0x01, 0x02, 0x04, 0x01, 0x00), "x"))
                .as("what follows a long tag is still bounded by its length")
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("not x: length at offset 4 runs past its enclosing element");
    }

    /** Each cut short where the next header byte would be read: refused as malformed, never an index out of bounds (a 500). */
    @Test
    void refusesAHeaderCutShortAtEachOfItsParts() {
        assertThatThrownBy(() -> Asn1Structure.check(bytes(0x04), "x"))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("not x: truncated at offset 1");
        assertThatThrownBy(() -> Asn1Structure.check(bytes(0x04, 0x82, 0x01), "x"))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("not x: truncated at offset 2");
        assertThatThrownBy(() -> Asn1Structure.check(bytes(0x30, 0x03, 0x30, 0x80, 0x00, 0x00), "x"))
                .as("end-of-contents straddling the end of its definite-length parent")
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("not x: malformed end-of-contents at offset 4");
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void refusesNestingOneLevelBeyondTheLimit() {
        assertThatThrownBy(() -> Asn1Structure.check(HostileDer.nestedIndefinite(Asn1Structure.MAX_DEPTH + 1), "x"))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("nested deeper than 32");
        assertThatThrownBy(() -> Asn1Structure.check(HostileDer.nestedDefinite(Asn1Structure.MAX_DEPTH + 1), "x"))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("nested deeper than 32");
    }

    @Test
    void refusesLengthPastTheEnd() {
        assertThatThrownBy(() -> Asn1Structure.check(HostileDer.lengthPastTheEnd(), "x"))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("runs past");
    }

    @Test
    void refusesLengthOverflow() {
        assertThatThrownBy(() -> Asn1Structure.check(HostileDer.lengthOverflow(), "x"))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("length of 9 bytes");
    }

    @Test
    void refusesUnterminatedIndefiniteLength() {
        assertThatThrownBy(() -> Asn1Structure.check(HostileDer.unterminatedIndefinite(), "x"))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void refusesPrimitiveOfIndefiniteLength() {
        assertThatThrownBy(() -> Asn1Structure.check(new byte[] {0x04, (byte) 0x80, 0x00, 0x00}, "x"))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("primitive element of indefinite length");
    }

    @Test
    void refusesEndOfContentsPastItsDefiniteParent() {
        // SEQUENCE of length 2 holding an indefinite SEQUENCE whose end-of-contents lies outside it
        byte[] encoding = {0x30, 0x02, 0x30, (byte) 0x80, 0x00, 0x00};
        assertThatThrownBy(() -> Asn1Structure.check(encoding, "x")).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void refusesTrailingBytesAndEmptyInput() {
        byte[] signed = envelope.sign(
                "{}".getBytes(StandardCharsets.UTF_8),
                TestPki.partner(KeyType.EC_P256).signing());
        assertThatThrownBy(() -> Asn1Structure.check(HostileDer.trailing(signed), "x"))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("bytes after the end");
        assertThatThrownBy(() -> Asn1Structure.check(new byte[0], "x")).isInstanceOf(MalformedMessageException.class);
    }
}
