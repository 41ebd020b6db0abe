package org.amanat.bench;

import com.sun.management.OperatingSystemMXBean;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The gateway JVM's heap and CPU, read over JMX from the JVM itself (attached by process id, no port
 * to open): the heap pools' peak usage since the last {@link #reset}, the largest heap left after a
 * collection (the live set), sampled every 100 ms, and the process's CPU time.
 */
final class GatewayMonitor implements AutoCloseable {
    private static final long MB = 1024 * 1024;

    private final JMXConnector connector;
    private final List<MemoryPoolMXBean> heapPools;
    private final MemoryMXBean memory;
    private final OperatingSystemMXBean os;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "heap-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong maxSampled = new AtomicLong();
    private final AtomicLong maxAfterGc = new AtomicLong();

    GatewayMonitor(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
        MBeanServerConnection server = connector.getMBeanServerConnection();
        List<MemoryPoolMXBean> pools = new ArrayList<>();
        for (ObjectName name : server.queryNames(new ObjectName(ManagementFactory.MEMORY_POOL_MXBEAN_DOMAIN_TYPE + ",*"), null)) {
            MemoryPoolMXBean pool = ManagementFactory.newPlatformMXBeanProxy(server, name.toString(), MemoryPoolMXBean.class);
            if (pool.getType() == MemoryType.HEAP) {
                pools.add(pool);
            }
        }
        heapPools = List.copyOf(pools);
        memory = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
        os = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME, OperatingSystemMXBean.class);
        sampler.scheduleAtFixedRate(this::sample, 0, 100, TimeUnit.MILLISECONDS);
    }

    /** Starts a new phase: peaks are counted from now. */
    synchronized void reset() {
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        maxSampled.set(0);
        maxAfterGc.set(0);
    }

    private void sample() {
        try {
            maxSampled.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            long afterGc = 0;
            for (MemoryPoolMXBean pool : heapPools) {
                MemoryUsage usage = pool.getCollectionUsage();
                afterGc += usage == null ? 0 : usage.getUsed();
            }
            maxAfterGc.accumulateAndGet(afterGc, Math::max);
        } catch (RuntimeException gatewayGone) {
            // the gateway stopped; the figures so far stand
        }
    }

    /** Heap figures of the phase so far, in MB. */
    synchronized Heap heap() {
        sample();
        long poolPeaks = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        return new Heap(Math.max(poolPeaks, maxSampled.get()) / MB, maxAfterGc.get() / MB, memory.getHeapMemoryUsage().getMax() / MB);
    }

    /** CPU time of the gateway process so far, in nanoseconds. */
    long cpuNanos() {
        return os.getProcessCpuTime();
    }

    /**
     * @param peakMb the most heap in use at any moment (the sum of the pools' peaks, or the largest sample)
     * @param liveMb the most heap left in use after a collection: what the gateway really holds
     * @param maxMb the heap's limit (-Xmx)
     */
    record Heap(long peakMb, long liveMb, long maxMb) {
        @Override
        public String toString() {
            return "peak heap " + peakMb + " MB (at most " + liveMb + " MB live after a GC; -Xmx " + maxMb + " MB)";
        }
    }

    @Override
    public void close() throws IOException {
        sampler.shutdownNow();
        connector.close();
    }
}
