package org.amanat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.amanat.cli.MakeVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit's command line on the published vectors and the demo keys. */
class KitCliTest {
    private static final String AT = MakeVectors.AT.plusSeconds(30).toString();
    private static final Path CHIRP = Path.of("certs-example/partners/chirp");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    @Test
    void writesAReceiptThatAnswersTheNotice() throws Exception {
        int exit = run(
                "receipt",
                "--in",
                "docs/vectors/ec/notice.der",
                "--partner",
                "chirp",
                "--key",
                CHIRP + "/encryption.p12",
                "--signing-key",
                CHIRP + "/signing.p12",
                "--ministry-cert",
                "certs-example/ministry/ec-signing.crt",
                "--password",
                "demo-only",
                "--at",
                AT,
                "--out",
                dir.resolve("receipt.der").toString(),
                "--reference",
                "T-7");

        assertThat(exit).as(err.toString()).isZero();
        var verified = new Receipts(new Envelope(Clock.fixed(MakeVectors.AT, ZoneOffset.UTC)))
                .verify(
                        Files.readAllBytes(dir.resolve("receipt.der")),
                        Keys.certificate(CHIRP.resolve("signing.crt")),
                        AlgorithmPolicy.strict(),
                        "01a2a000-0000-7000-8000-000000000002",
                        Files.readAllBytes(Path.of("docs/vectors/ec/notice.der")));
        assertThat(verified.receipt().partnerReference()).isEqualTo("T-7");
    }

    @Test
    void sealsAStatusUpdateTheMinistryCanOpen() throws Exception {
        int exit = run(
                "status",
                "--notice-id",
                "01a2a000-0000-7000-8000-000000000002",
                "--status",
                "PARTIALLY_ACTIONED",
                "--reason",
                "one post already gone",
                "--item",
                "https://chirp.example/p/1=REMOVED",
                "--item",
                "https://chirp.example/p/2=NOT_FOUND",
                "--signing-key",
                CHIRP + "/signing.p12",
                "--ministry-cert",
                "certs-example/ministry/ec-encryption.crt",
                "--password",
                "demo-only",
                "--out",
                dir.resolve("status.der").toString());

        assertThat(exit).as(err.toString()).isZero();
        var ministry = Keys.pkcs12(Path.of("certs-example/ministry/ec-encryption.p12"), "demo-only".toCharArray());
        OpenedStatus opened = new StatusMessages(new Envelope(Clock.systemUTC()))
                .open(
                        Files.readAllBytes(dir.resolve("status.der")),
                        ministry,
                        Keys.certificate(CHIRP.resolve("signing.crt")),
                        AlgorithmPolicy.strict());
        assertThat(opened.update().status()).isEqualTo(Status.PARTIALLY_ACTIONED);
        assertThat(opened.update().items())
                .extracting(StatusUpdate.ItemOutcome::outcome)
                .containsExactly("REMOVED", "NOT_FOUND");
    }

    @Test
    void answersAUsageMistakeWithOneLineAndExitCodeTwo() {
        int exit = run("open", "--in");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("amanat-partner-kit: ").doesNotContain("\n");
    }

    @Test
    void printsItsUsageOnRequestAndWithoutACommandFailsWithIt() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString())
                .startsWith("Usage: amanat-partner-kit")
                .contains("open", "receipt", "status", "serve");
        assertThat(run("receipt", "--help")).isZero();
        assertThat(out.toString()).contains("--disposition", "--reference");

        assertThat(run()).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo(
                        "amanat-partner-kit: a command is required (open, receipt, status or serve) (--help for usage)");
    }

    @Test
    void namesAnUnknownCommandOrAMalformedItem() {
        assertThat(run("decrypt", "--in", "x")).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("amanat-partner-kit: unknown command 'decrypt' (--help for usage)");
        err.reset();

        for (String item : new String[] {"REMOVED", "=REMOVED"}) {
            assertThat(run(
                            "status",
                            "--notice-id",
                            "01a2a000-0000-7000-8000-000000000002",
                            "--status",
                            "ACTIONED",
                            "--item",
                            item))
                    .isEqualTo(2);
            assertThat(err.toString().strip())
                    .isEqualTo("amanat-partner-kit: Invalid value for option '--item' (LOCATOR=OUTCOME): not '" + item
                            + "' (--help for usage)");
            err.reset();
        }
    }

    @Test
    void aMistakeQuotingControlCharactersIsPrintedEscaped() {
        assertThat(run("status", "--notice-id", "x", "--status", "ACTIONED", "--item", "bad\u001b]0;owned\u0007"))
                .isEqualTo(2);

        assertThat(err.toString().strip()).startsWith("amanat-partner-kit: ").doesNotContain("\u001b", "\u0007", "\n");
    }

    @Test
    void aFileThatCannotBeReadFailsWithExitCodeOne() {
        int exit = run(
                "open",
                "--in",
                dir.resolve("missing.der").toString(),
                "--partner",
                "chirp",
                "--key",
                CHIRP + "/encryption.p12",
                "--ministry-cert",
                "certs-example/ministry/ec-signing.crt",
                "--password",
                "demo-only");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("amanat-partner-kit: ");
    }

    @Test
    void aNoticeThatIsRefusedFailsWithExitCodeOneAndSaysRefused() throws Exception {
        Files.write(dir.resolve("junk.der"), new byte[] {0x30, 0x03, 0x02, 0x01});
        int exit = run(
                "open",
                "--in",
                dir.resolve("junk.der").toString(),
                "--partner",
                "chirp",
                "--key",
                CHIRP + "/encryption.p12",
                "--ministry-cert",
                "certs-example/ministry/ec-signing.crt",
                "--password",
                "demo-only");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("amanat-partner-kit: refused: not CMS AuthEnvelopedData");
    }

    private int run(String... args) {
        return KitCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
