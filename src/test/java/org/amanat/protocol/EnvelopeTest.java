package org.amanat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.TestPki.Party;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EnvelopeTest {
    private static final byte[] CONTENT = "{\"protocol\":\"amanat/1\"}".getBytes(StandardCharsets.UTF_8);
    /** The test CA's common name, in every issuer name of the test certificates. */
    private static final byte[] CA_NAME = "Test CA".getBytes(StandardCharsets.UTF_8);

    private final Envelope envelope = new Envelope(Clock.systemUTC());
    private final AlgorithmPolicy policy = AlgorithmPolicy.strict();

    @ParameterizedTest
    @EnumSource(
            value = KeyType.class,
            names = {"RSA_3072", "EC_P256"})
    void sealedContentOpensForTheRecipientUnderThePinnedSigner(KeyType type) throws Exception {
        Party ministry = TestPki.ministry(type);
        Party partner = TestPki.partner(type);

        byte[] sealed =
                envelope.seal(CONTENT, ministry.signing(), partner.encryption().certificate());
        VerifiedContent opened =
                envelope.open(sealed, partner.encryption(), ministry.signing().certificate(), policy);

        assertThat(opened.content()).isEqualTo(CONTENT);
        assertThat(opened.signatureAlgorithm())
                .isEqualTo(type == KeyType.RSA_3072 ? "RSASSA-PSS/SHA-256" : "ECDSA-P256/SHA-256");
        CMSAuthEnvelopedData outer = new CMSAuthEnvelopedData(sealed);
        assertThat(outer.getEncryptionAlgOID()).isEqualTo("2.16.840.1.101.3.4.1.46");
        assertThat(ContentInfo.getInstance(sealed).getContentType()).isEqualTo(CMSObjectIdentifiers.authEnvelopedData);
    }

    @Test
    void refusesContentSignedByAnyoneButThePinnedSigner() {
        byte[] signed =
                envelope.sign(CONTENT, TestPki.otherPartner(KeyType.EC_P256).signing());

        assertThatThrownBy(() -> envelope.verify(
                        signed, TestPki.partner(KeyType.EC_P256).signing().certificate(), policy))
                .isInstanceOf(UntrustedSignerException.class);
    }

    @Test
    void refusesSignedContentWithOneByteChanged() throws Exception {
        SigningIdentity signer = TestPki.partner(KeyType.EC_P256).signing();
        byte[] signed = envelope.sign(CONTENT, signer);
        int at = indexOf(signed, "amanat/1".getBytes(StandardCharsets.UTF_8));
        signed[at] ^= 0x01;

        assertThatThrownBy(() -> envelope.verify(signed, signer.certificate(), policy))
                .isInstanceOf(SignatureInvalidException.class);
    }

    @Test
    void refusesCiphertextWithOneFlippedByte() {
        Party partner = TestPki.partner(KeyType.EC_P256);
        byte[] sealed = envelope.seal(
                CONTENT,
                TestPki.ministry(KeyType.EC_P256).signing(),
                partner.encryption().certificate());
        sealed[sealed.length - 40] ^= 0x01;

        assertThatThrownBy(() -> envelope.decrypt(sealed, partner.encryption(), policy))
                .isInstanceOf(DecryptionFailedException.class);
    }

    @Test
    void refusesEnvelopeMadeForSomeoneElse() {
        byte[] sealed = envelope.seal(
                CONTENT,
                TestPki.ministry(KeyType.EC_P256).signing(),
                TestPki.otherPartner(KeyType.EC_P256).encryption().certificate());

        assertThatThrownBy(() -> envelope.decrypt(
                        sealed, TestPki.partner(KeyType.EC_P256).encryption(), policy))
                .isInstanceOf(DecryptionFailedException.class)
                .hasMessageContaining("not encrypted for");
    }

    @Test
    void refusesBytesThatAreNotCms() {
        byte[] junk = "hello".getBytes(StandardCharsets.UTF_8);
        SigningIdentity partner = TestPki.partner(KeyType.EC_P256).encryption();

        assertThatThrownBy(() -> envelope.decrypt(junk, partner, policy)).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> envelope.verify(junk, partner.certificate(), policy))
                .isInstanceOf(MalformedMessageException.class);
    }

    /** Found by fuzzing (ReceiptsFuzzTest): Bouncy Castle threw IllegalArgumentException, which escaped as a 500. */
    @Test
    void refusesSignedDataWhoseSignerNameIsNotUtf8() {
        SigningIdentity signer = TestPki.partner(KeyType.EC_P256).signing();
        byte[] signed = envelope.sign(CONTENT, signer);
        signed[lastIndexOf(signed, CA_NAME)] = (byte) 0xFF;

        assertThatThrownBy(() -> envelope.verify(signed, signer.certificate(), policy))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void refusesSigningTimeBeyondTheAllowedSkew() {
        SigningIdentity signer = TestPki.partner(KeyType.EC_P256).signing();
        Clock tenMinutesAhead = Clock.fixed(Instant.now().plus(Duration.ofMinutes(10)), ZoneOffset.UTC);
        byte[] fromTheFuture = new Envelope(tenMinutesAhead).sign(CONTENT, signer);

        assertThatThrownBy(() -> envelope.verify(fromTheFuture, signer.certificate(), policy))
                .isInstanceOf(SigningTimeOutOfRangeException.class);
    }

    @Test
    void signedDataCarriesSigningTimeAndTheSignerCertificate() throws Exception {
        // The test pins the signing instant, so it makes a certificate valid around that instant too.
        Instant at = Instant.parse("2026-11-24T10:15:30Z");
        SigningIdentity signer = TestPki.issue(
                "partner-signing",
                Pki.keyPair(KeyType.EC_P256),
                Pki.Usage.SIGNING,
                at.minus(Duration.ofDays(1)),
                at.plus(Duration.ofDays(1)));
        byte[] signed = new Envelope(Clock.fixed(at, ZoneOffset.UTC)).sign(CONTENT, signer);

        CMSSignedData data = new CMSSignedData(signed);
        assertThat(data.getCertificates().getMatches(null)).hasSize(1);
        VerifiedContent verified = new Envelope(Clock.fixed(at.plusSeconds(60), ZoneOffset.UTC))
                .verify(signed, signer.certificate(), policy);
        assertThat(verified.signingTime()).isEqualTo(at);
    }

    /** Not date-bound: the signer's certificate travels in every SignedData, so a partner can verify with openssl alone. */
    @Test
    void signedDataEmbedsExactlyTheSignersCertificate() throws Exception {
        SigningIdentity signer = TestPki.ministry(KeyType.EC_P256).signing();

        CMSSignedData data = new CMSSignedData(envelope.sign(CONTENT, signer));

        assertThat(data.getCertificates().getMatches(null))
                .singleElement()
                .satisfies(embedded -> assertThat(embedded.getEncoded())
                        .isEqualTo(signer.certificate().getEncoded()));
    }

    @Test
    void refusesDeeplyNestedBodyBeforeParsingIt() {
        byte[] nested = HostileDer.nestedIndefinite(200_000);

        assertThatThrownBy(() -> envelope.decrypt(
                        nested, TestPki.partner(KeyType.EC_P256).encryption(), policy))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("nested deeper than 32 levels");
    }

    @Test
    void refusesDeeplyNestedSignedDataInsideAValidEncryption() {
        Party partner = TestPki.partner(KeyType.EC_P256);
        byte[] sealed = envelope.encrypt(
                HostileDer.nestedDefinite(150_000), partner.encryption().certificate());

        assertThatThrownBy(() -> envelope.open(
                        sealed,
                        partner.encryption(),
                        TestPki.ministry(KeyType.EC_P256).signing().certificate(),
                        policy))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("not CMS SignedData: nested deeper than 32 levels");
    }

    /** The last occurrence: in SignedData, the signer's identifier comes after the certificates. */
    private static int lastIndexOf(byte[] haystack, byte[] needle) {
        int last = -1;
        for (int from = indexOf(haystack, needle); from >= 0; from = indexOf(haystack, needle, from + 1)) {
            last = from;
        }
        return last;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        int at = indexOf(haystack, needle, 0);
        if (at < 0) {
            throw new IllegalArgumentException("not found");
        }
        return at;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int start) {
        outer:
        for (int i = start; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
