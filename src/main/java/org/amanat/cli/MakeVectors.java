package org.amanat.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.Category;
import org.amanat.protocol.CommandLines;
import org.amanat.protocol.Digests;
import org.amanat.protocol.Disposition;
import org.amanat.protocol.Envelope;
import org.amanat.protocol.ItemKind;
import org.amanat.protocol.Keys;
import org.amanat.protocol.Notice;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.ProtocolJson;
import org.amanat.protocol.Receipt;
import org.amanat.protocol.Receipts;
import org.amanat.protocol.SigningIdentity;
import org.amanat.protocol.Status;
import org.amanat.protocol.StatusMessages;
import org.amanat.protocol.StatusReceipt;
import org.amanat.protocol.StatusUpdate;
import org.amanat.protocol.Urgency;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code make-vectors [docs/vectors] [certs-example]}: writes the protocol's test vectors, one set per
 * algorithm profile, made with the demo keys at the fixed time {@link #AT}: a notice, its sealed
 * form, the platform's receipt, a status update and the ministry's receipt for it.
 */
public final class MakeVectors {
    public static final String COMMAND = "make-vectors";
    public static final Instant AT = Instant.parse("2026-11-24T12:00:00Z");
    /** Which example platform's keys each profile's vectors use. */
    public static final List<Profile> PROFILES = List.of(
            new Profile(AlgorithmProfile.RSA, "globaltube", "01a2a000-0000-7000-8000-000000000001"),
            new Profile(AlgorithmProfile.EC, "chirp", "01a2a000-0000-7000-8000-000000000002"));

    public record Profile(AlgorithmProfile profile, String partnerId, String noticeId) {
        public String folder() {
            return profile.name().toLowerCase();
        }
    }

    private MakeVectors() {}

    public static void main(String[] args) {
        System.exit(CommandLines.run(new CommandLine(new Run()), "amanat " + COMMAND, args, System.out, System.err));
    }

    @Command(name = COMMAND, mixinStandardHelpOptions = true, description = "Write the protocol's test vectors.")
    static final class Run implements Callable<Integer> {
        @Parameters(index = "0", defaultValue = "docs/vectors", description = "the vectors' folder (docs/vectors)")
        Path vectors;

        @Parameters(index = "1", defaultValue = "certs-example", description = "the demo keys' folder (certs-example)")
        Path keys;

        @Override
        public Integer call() {
            for (Profile profile : PROFILES) {
                write(profile, keys, vectors.resolve(profile.folder()));
            }
            System.out.println("test vectors written to " + vectors.toAbsolutePath());
            return 0;
        }
    }

    static void write(Profile p, Path keys, Path folder) {
        char[] password = MakeDemoKeys.PASSWORD.toCharArray();
        String prefix = p.profile().name().toLowerCase() + "-";
        SigningIdentity ministrySigning = Keys.pkcs12(keys.resolve("ministry/" + prefix + "signing.p12"), password);
        SigningIdentity ministryEncryption =
                Keys.pkcs12(keys.resolve("ministry/" + prefix + "encryption.p12"), password);
        Path partnerKeys = keys.resolve("partners/" + p.partnerId());
        SigningIdentity partnerSigning = Keys.pkcs12(partnerKeys.resolve("signing.p12"), password);
        SigningIdentity partnerEncryption = Keys.pkcs12(partnerKeys.resolve("encryption.p12"), password);
        var envelope = new Envelope(Clock.fixed(AT, ZoneOffset.UTC));

        var notice = new Notice(
                Notice.PROTOCOL,
                p.noticeId(),
                NoticeType.TAKEDOWN,
                p.partnerId(),
                AT,
                Urgency.URGENT,
                AT.plusSeconds(3600),
                AT.plusSeconds(4 * 3600),
                Category.ELECTION_INTEGRITY,
                new Notice.LegalBasis("MR5/2020", "Art. 14"),
                List.of(new Notice.Item(
                        "https://" + p.partnerId() + ".example/post/123", ItemKind.URL, "fabricated ballot video")),
                "Fabricated footage of ballot stuffing, published during the silent period.",
                new Notice.Issuer("Ministry of Communications", "officer-17", "takedown@ministry.example"),
                List.of(),
                null,
                "ID",
                "Object within 7 days at https://redress.ministry.example");
        byte[] noticeJson = ProtocolJson.write(notice);
        byte[] sealedNotice = envelope.seal(noticeJson, ministrySigning, partnerEncryption.certificate());
        var receipt = new Receipt(
                Notice.PROTOCOL,
                p.noticeId(),
                AT,
                Digests.sha256Base64(sealedNotice),
                Disposition.RECEIVED,
                "ticket-1");
        var status = new StatusUpdate(
                Notice.PROTOCOL,
                "status-" + p.folder() + "-1",
                p.noticeId(),
                AT,
                Status.ACTIONED,
                List.of(new StatusUpdate.ItemOutcome(notice.items().get(0).locator(), "REMOVED", AT)),
                null);
        byte[] statusJson = ProtocolJson.write(status);
        byte[] sealedStatus = envelope.seal(statusJson, partnerSigning, ministryEncryption.certificate());
        var statusReceipt = new StatusReceipt(
                Notice.PROTOCOL, status.statusId(), p.noticeId(), AT, Digests.sha256Base64(sealedStatus));

        write(folder, "notice.json", noticeJson);
        write(folder, "notice.der", sealedNotice);
        write(folder, "receipt.json", ProtocolJson.write(receipt));
        write(folder, "receipt.der", new Receipts(envelope).sign(receipt, partnerSigning));
        write(folder, "status.json", statusJson);
        write(folder, "status.der", sealedStatus);
        write(folder, "status-receipt.json", ProtocolJson.write(statusReceipt));
        write(folder, "status-receipt.der", new StatusMessages(envelope).signReceipt(statusReceipt, ministrySigning));
    }

    private static void write(Path folder, String name, byte[] bytes) {
        try {
            Files.createDirectories(folder);
            Files.write(folder.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
