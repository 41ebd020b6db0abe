package org.amanat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.amanat.cli.MakeVectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published test vectors in docs/vectors/ are what the protocol says: each opens and verifies
 * with the demo keys of certs-example/, as of the vectors' time.
 */
class ProtocolVectorsTest {
    private static final char[] PASSWORD = "demo-only".toCharArray();
    private final Clock vectorTime = Clock.fixed(MakeVectors.AT.plusSeconds(30), ZoneOffset.UTC);
    private final AlgorithmPolicy policy = AlgorithmPolicy.strict();

    static Iterable<MakeVectors.Profile> profiles() {
        return MakeVectors.PROFILES;
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void noticeOpensForThePlatformAndItsReceiptAnswersIt(MakeVectors.Profile p) throws IOException {
        Path vectors = Path.of("docs/vectors", p.folder());
        Path partner = Path.of("certs-example/partners", p.partnerId());
        var kit = new PartnerKit(
                p.partnerId(),
                Keys.pkcs12(partner.resolve("signing.p12"), PASSWORD),
                Keys.pkcs12(partner.resolve("encryption.p12"), PASSWORD),
                ministry(p, "signing").certificate(),
                policy,
                vectorTime);
        byte[] sealed = Files.readAllBytes(vectors.resolve("notice.der"));

        OpenedNotice opened = kit.open(sealed);

        assertThat(ProtocolJson.write(opened.notice())).isEqualTo(Files.readAllBytes(vectors.resolve("notice.json")));
        var receipt = new Receipts(new Envelope(vectorTime))
                .verify(
                        Files.readAllBytes(vectors.resolve("receipt.der")),
                        Keys.certificate(partner.resolve("signing.crt")),
                        policy,
                        p.noticeId(),
                        sealed);
        assertThat(ProtocolJson.write(receipt.receipt()))
                .isEqualTo(Files.readAllBytes(vectors.resolve("receipt.json")));
        assertThat(receipt.receipt().digest()).isEqualTo(opened.digest());
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void statusUpdateOpensForTheMinistryAndItsReceiptAnswersIt(MakeVectors.Profile p) throws IOException {
        Path vectors = Path.of("docs/vectors", p.folder());
        Path partner = Path.of("certs-example/partners", p.partnerId());
        var messages = new StatusMessages(new Envelope(vectorTime));
        byte[] sealed = Files.readAllBytes(vectors.resolve("status.der"));

        OpenedStatus opened = messages.open(
                sealed, ministry(p, "encryption"), Keys.certificate(partner.resolve("signing.crt")), policy);

        assertThat(ProtocolJson.write(opened.update())).isEqualTo(Files.readAllBytes(vectors.resolve("status.json")));
        StatusReceipt receipt = messages.verifyReceipt(
                Files.readAllBytes(vectors.resolve("status-receipt.der")),
                ministry(p, "signing").certificate(),
                policy,
                opened.update().statusId(),
                sealed);
        assertThat(ProtocolJson.write(receipt)).isEqualTo(Files.readAllBytes(vectors.resolve("status-receipt.json")));
    }

    private static SigningIdentity ministry(MakeVectors.Profile p, String use) {
        return Keys.pkcs12(
                Path.of("certs-example/ministry", p.profile().name().toLowerCase() + "-" + use + ".p12"), PASSWORD);
    }
}
