package org.amanat;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.amanat.protocol.AlgorithmPolicy;
import org.amanat.protocol.Notice;
import org.amanat.protocol.PartnerKit;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.Status;
import org.amanat.protocol.StatusSender;
import org.amanat.protocol.StatusUpdate;
import org.amanat.protocol.TestPki;

/**
 * A platform with {@link TestPki}'s EC keys that reports on a notice through a gateway's real status endpoint, signed
 * and sealed by the partner kit, at the time of a test's clock.
 */
public final class TestPlatform {
    private static final Pattern REFUSED = Pattern.compile("HTTP (\\d{3}) ");

    private TestPlatform() {}

    /**
     * Reports {@code status} on the notice, with one item REMOVED; returns the HTTP status the gateway answered (200
     * when it accepted the update and its receipt verified).
     */
    public static int report(int port, String partnerId, String noticeId, Status status, Clock clock) {
        var partner = TestPki.partner(KeyType.EC_P256);
        var kit = new PartnerKit(
                partnerId,
                partner.signing(),
                partner.encryption(),
                TestPki.ministry(KeyType.EC_P256).signing().certificate(),
                AlgorithmPolicy.strict(),
                clock);
        var sender = new StatusSender(
                kit,
                TestPki.ministry(KeyType.EC_P256).encryption().certificate(),
                URI.create("http://localhost:" + port + "/partner/v1/status"),
                null);
        try {
            sender.send(new StatusUpdate(
                    Notice.PROTOCOL,
                    UUID.randomUUID().toString(),
                    noticeId,
                    clock.instant(),
                    status,
                    List.of(new StatusUpdate.ItemOutcome(
                            "https://video.example/watch?v=abc123", "REMOVED", clock.instant())),
                    null));
            return 200;
        } catch (IOException refused) {
            Matcher answer = REFUSED.matcher(String.valueOf(refused.getMessage()));
            if (answer.find()) {
                return Integer.parseInt(answer.group(1));
            }
            throw new AssertionError("status update not sent", refused);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
