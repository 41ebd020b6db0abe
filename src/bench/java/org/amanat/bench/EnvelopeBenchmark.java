package org.amanat.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.amanat.protocol.AlgorithmPolicy;
import org.amanat.protocol.Category;
import org.amanat.protocol.Digests;
import org.amanat.protocol.Disposition;
import org.amanat.protocol.Envelope;
import org.amanat.protocol.ItemKind;
import org.amanat.protocol.Notice;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Pki;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.Pki.Usage;
import org.amanat.protocol.ProtocolJson;
import org.amanat.protocol.Receipt;
import org.amanat.protocol.Receipts;
import org.amanat.protocol.SigningIdentity;
import org.amanat.protocol.Urgency;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cryptographic cost of one notice, per algorithm profile, for a 2 KB notice: what the gateway
 * does (seal, verify the receipt) and what the platform does (open, sign the receipt). Run with
 * {@code mvn -Pbenchmarks verify}; {@code -Djmh.threads=2} for two threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EnvelopeBenchmark {
    @Param({"RSA", "EC"})
    public String profile;

    private final Envelope envelope = new Envelope(Clock.systemUTC());
    private final Receipts receipts = new Receipts(envelope);
    private final AlgorithmPolicy policy = AlgorithmPolicy.strict();
    private SigningIdentity ministry;
    private SigningIdentity partnerSigning;
    private SigningIdentity partnerEncryption;
    private byte[] noticeJson;
    private byte[] sealed;
    private byte[] receipt;

    @Setup
    public void keysAndMessages() {
        KeyType type = "RSA".equals(profile) ? KeyType.RSA_3072 : KeyType.EC_P256;
        Instant now = Instant.now();
        SigningIdentity ca =
                Pki.ca(Pki.name("Bench CA", null), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
        ministry = Pki.issue(
                ca,
                Pki.name("ministry", null),
                Pki.keyPair(type),
                Usage.SIGNING,
                now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)));
        partnerSigning = Pki.issue(
                ca,
                Pki.name("partner", null),
                Pki.keyPair(type),
                Usage.SIGNING,
                now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)));
        partnerEncryption = Pki.issue(
                ca,
                Pki.name("partner-enc", null),
                Pki.keyPair(type),
                Usage.ENCRYPTION,
                now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)));
        noticeJson = twoKilobyteNotice(now);
        sealed = envelope.seal(noticeJson, ministry, partnerEncryption.certificate());
        receipt = receipts.sign(receiptFor(sealed), partnerSigning);
    }

    /** Gateway: sign with the ministry's key, encrypt to the platform. */
    @Benchmark
    public byte[] seal() {
        return envelope.seal(noticeJson, ministry, partnerEncryption.certificate());
    }

    /** Platform: decrypt, verify under the ministry's certificate. */
    @Benchmark
    public Object open() {
        return envelope.open(sealed, partnerEncryption, ministry.certificate(), policy);
    }

    /** Platform: sign the receipt. */
    @Benchmark
    public byte[] receiptSign() {
        return receipts.sign(receiptFor(sealed), partnerSigning);
    }

    /** Gateway: verify the receipt's signature, notice id and digest. */
    @Benchmark
    public Object receiptVerify() {
        return receipts.verify(receipt, partnerSigning.certificate(), policy, "bench-notice", sealed);
    }

    private static Receipt receiptFor(byte[] sealed) {
        return new Receipt(
                Notice.PROTOCOL,
                "bench-notice",
                Instant.now(),
                Digests.sha256Base64(sealed),
                Disposition.RECEIVED,
                "ref");
    }

    private static byte[] twoKilobyteNotice(Instant now) {
        List<Notice.Item> items = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            items.add(
                    new Notice.Item("https://video.example/watch?v=" + "x".repeat(40) + i, ItemKind.URL, "clip " + i));
        }
        var notice = new Notice(
                Notice.PROTOCOL,
                "bench-notice",
                NoticeType.TAKEDOWN,
                "bench",
                now,
                Urgency.URGENT,
                now,
                now,
                Category.ELECTION_INTEGRITY,
                new Notice.LegalBasis("MR5/2020", "Art. 14"),
                items,
                "Fabricated footage of ballot stuffing, published during the silent period. ".repeat(2),
                new Notice.Issuer("Ministry of Communications", "officer-17", "takedown@ministry.example"),
                List.of(),
                null,
                "ID",
                null);
        byte[] json = ProtocolJson.write(notice);
        if (json.length < 1800 || json.length > 2300) {
            throw new IllegalStateException("notice is " + json.length + " bytes, not about 2 KB");
        }
        return json;
    }
}
