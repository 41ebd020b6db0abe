package org.amanat.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.amanat.protocol.AlgorithmPolicy;
import org.amanat.protocol.Disposition;
import org.amanat.protocol.Envelope;
import org.amanat.protocol.OpenedNotice;
import org.amanat.protocol.PartnerKit;
import org.amanat.protocol.Receipts;
import org.amanat.protocol.SigningIdentity;

/**
 * The raw limit: how many notices a second this machine can seal (gateway), open and answer with a
 * signed receipt (platform) and whose receipt it can verify (gateway), with the same keys, algorithms
 * and notice as the end-to-end run, on every core, with no HTTP and no database.
 */
final class CryptoLimit {
    private final byte[] noticeJson;
    private final String noticeId;
    private final SigningIdentity ministrySigning;
    private final X509Certificate partnerEncryption;
    private final X509Certificate partnerSigning;
    private final PartnerKit kit;
    private final Envelope envelope = new Envelope(Clock.systemUTC());
    private final Receipts receipts = new Receipts(envelope);
    private final AlgorithmPolicy policy = AlgorithmPolicy.strict();

    CryptoLimit(
            byte[] noticeJson,
            String noticeId,
            SigningIdentity ministrySigning,
            PartnerKit kit,
            X509Certificate partnerEncryption,
            X509Certificate partnerSigning) {
        this.noticeJson = noticeJson;
        this.noticeId = noticeId;
        this.ministrySigning = ministrySigning;
        this.kit = kit;
        this.partnerEncryption = partnerEncryption;
        this.partnerSigning = partnerSigning;
    }

    /** One notice's cryptography, in the order it happens on the wire. */
    private void oneNotice() {
        byte[] sealed = envelope.seal(noticeJson, ministrySigning, partnerEncryption);
        OpenedNotice opened = kit.open(sealed);
        byte[] receipt = kit.receipt(opened, Disposition.RECEIVED, "limit");
        receipts.verify(receipt, partnerSigning, policy, noticeId, sealed);
    }

    /** Notices a second on {@code threads} threads, and CPU time per notice, counted after a warm-up. */
    Rate measure(int threads, Duration warmUp, Duration measured) throws InterruptedException {
        LongAdder done = new LongAdder();
        LongAdder cpu = new LongAdder();
        ThreadMXBean threadTimes = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long from = start + warmUp.toNanos();
        long until = from + measured.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(
                    () -> {
                        long now;
                        long cpuFrom = -1;
                        while ((now = System.nanoTime()) < until) {
                            if (now >= from && cpuFrom < 0) {
                                cpuFrom = threadTimes.getCurrentThreadCpuTime();
                            }
                            oneNotice();
                            if (now >= from) {
                                done.increment();
                            }
                        }
                        cpu.add(threadTimes.getCurrentThreadCpuTime() - cpuFrom);
                    },
                    "crypto-limit-" + i);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return new Rate(done.sum() / (measured.toNanos() / 1e9), cpu.sum() / 1e6 / done.sum());
    }

    /** Notices a second, and milliseconds of CPU each took (all four operations, both parties). */
    record Rate(double perSecond, double cpuMs) {}
}
