package org.amanat.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.amanat.cli.MakeVectors;

/**
 * The parties of the published test vectors (docs/vectors/), with the demo keys of certs-example/,
 * and a clock fixed just after the vectors were made: a fuzz input found today replays the same way
 * on any later date.
 */
record VectorParties(
        MakeVectors.Profile profile,
        SigningIdentity ministrySigning,
        SigningIdentity ministryEncryption,
        SigningIdentity partnerSigning,
        SigningIdentity partnerEncryption,
        byte[] sealedNotice) {
    private static final char[] PASSWORD = "demo-only".toCharArray();
    static final Clock CLOCK = Clock.fixed(MakeVectors.AT.plusSeconds(30), ZoneOffset.UTC);
    /** One party per algorithm profile: RSA (globaltube) and EC (chirp). */
    static final List<VectorParties> ALL =
            MakeVectors.PROFILES.stream().map(VectorParties::load).toList();

    private static VectorParties load(MakeVectors.Profile p) {
        Path ministry = Path.of("certs-example/ministry");
        Path partner = Path.of("certs-example/partners", p.partnerId());
        String prefix = p.profile().name().toLowerCase() + "-";
        try {
            return new VectorParties(
                    p,
                    Keys.pkcs12(ministry.resolve(prefix + "signing.p12"), PASSWORD),
                    Keys.pkcs12(ministry.resolve(prefix + "encryption.p12"), PASSWORD),
                    Keys.pkcs12(partner.resolve("signing.p12"), PASSWORD),
                    Keys.pkcs12(partner.resolve("encryption.p12"), PASSWORD),
                    Files.readAllBytes(Path.of("docs/vectors", p.folder(), "notice.der")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PartnerKit partnerKit() {
        return new PartnerKit(
                profile.partnerId(),
                partnerSigning,
                partnerEncryption,
                ministrySigning.certificate(),
                AlgorithmPolicy.strict(),
                CLOCK);
    }
}
