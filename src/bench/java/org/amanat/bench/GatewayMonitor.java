package org.amanat.bench;

import com.sun.management.OperatingSystemMXBean;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The gateway JVM's heap and CPU, read over JMX from the JVM itself (attached by process id, no port
 * to open): the heap pools' peak usage since the last {@link #reset}, the largest heap left after a
 * collection (the live set), sampled every 500 ms, and the process's CPU time.
 */
final class GatewayMonitor implements AutoCloseable {
    private static final long MB = 1024 * 1024;

    private final JMXConnector connector;
    private final List<MemoryPoolMXBean> heapPools;
    private final List<com.sun.management.GarbageCollectorMXBean> collectors;
    private final MemoryMXBean memory;
    private final OperatingSystemMXBean os;
    private final com.sun.management.ThreadMXBean threads;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "heap-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong maxSampled = new AtomicLong();
    private final AtomicLong maxAfterGc = new AtomicLong();
    private final java.lang.management.RuntimeMXBean runtime;
    private volatile long phaseStartUptime;

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
        for (ObjectName name :
                server.queryNames(new ObjectName(ManagementFactory.MEMORY_POOL_MXBEAN_DOMAIN_TYPE + ",*"), null)) {
            MemoryPoolMXBean pool =
                    ManagementFactory.newPlatformMXBeanProxy(server, name.toString(), MemoryPoolMXBean.class);
            if (pool.getType() == MemoryType.HEAP) {
                pools.add(pool);
            }
        }
        heapPools = List.copyOf(pools);
        List<com.sun.management.GarbageCollectorMXBean> gcs = new ArrayList<>();
        for (ObjectName name : server.queryNames(
                new ObjectName(ManagementFactory.GARBAGE_COLLECTOR_MXBEAN_DOMAIN_TYPE + ",*"), null)) {
            gcs.add(ManagementFactory.newPlatformMXBeanProxy(
                    server, name.toString(), com.sun.management.GarbageCollectorMXBean.class));
        }
        collectors = List.copyOf(gcs);
        memory = ManagementFactory.newPlatformMXBeanProxy(
                server, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
        runtime = ManagementFactory.newPlatformMXBeanProxy(
                server, ManagementFactory.RUNTIME_MXBEAN_NAME, java.lang.management.RuntimeMXBean.class);
        os = ManagementFactory.newPlatformMXBeanProxy(
                server, ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME, OperatingSystemMXBean.class);
        threads = ManagementFactory.newPlatformMXBeanProxy(
                server, ManagementFactory.THREAD_MXBEAN_NAME, com.sun.management.ThreadMXBean.class);
        sampler.scheduleAtFixedRate(this::sample, 0, 500, TimeUnit.MILLISECONDS);
    }

    /** Starts a new phase: peaks are counted from now. */
    synchronized void reset() {
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        maxSampled.set(0);
        maxAfterGc.set(0);
        phaseStartUptime = runtime.getUptime();
    }

    private void sample() {
        try {
            maxSampled.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            for (var collector : collectors) {
                var last = collector.getLastGcInfo();
                if (last != null && last.getEndTime() >= phaseStartUptime) {
                    long afterGc = heapPools.stream()
                            .map(pool -> last.getMemoryUsageAfterGc().get(pool.getName()))
                            .mapToLong(usage -> usage == null ? 0 : usage.getUsed())
                            .sum();
                    maxAfterGc.accumulateAndGet(afterGc, Math::max);
                }
            }
        } catch (RuntimeException gatewayGone) {
            // the gateway stopped; the figures so far stand
        }
    }

    /** Heap figures of the phase so far, in MB. */
    synchronized Heap heap() {
        sample();
        long poolPeaks = heapPools.stream()
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
        return new Heap(
                maxSampled.get() / MB,
                poolPeaks / MB,
                maxAfterGc.get() / MB,
                memory.getHeapMemoryUsage().getMax() / MB);
    }

    /** CPU time of the gateway process so far, in nanoseconds. */
    long cpuNanos() {
        return os.getProcessCpuTime();
    }

    /**
     * CPU time so far by group of Java threads (the name without its numbers), and under "JVM" what no
     * Java thread accounts for: the JIT compilers, the garbage collector and the VM's own threads.
     */
    Map<String, Long> cpuByThreadGroup() {
        long[] ids = threads.getAllThreadIds();
        long[] times = threads.getThreadCpuTime(ids);
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        Map<String, Long> groups = new TreeMap<>();
        long javaThreads = 0;
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && times[i] > 0) {
                groups.merge(infos[i].getThreadName().replaceAll("\\d+", "#"), times[i], Long::sum);
                javaThreads += times[i];
            }
        }
        groups.put("JVM (JIT, GC, VM threads)", cpuNanos() - javaThreads);
        return groups;
    }

    /** What each thread group used between two snapshots, largest first, as "name ms/notice" for the given count. */
    static String perNotice(Map<String, Long> before, Map<String, Long> after, int notices) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / 1e6 / notices))
                .filter(e -> e.getValue() >= 0.05)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> String.format("%s %.2f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /**
     * @param peakMb the most heap in use in any sample (every 500 ms); G1 lets it grow towards -Xmx before collecting
     * @param poolPeaksMb the sum of each heap pool's own peak: an upper bound, as the pools peak at different moments
     * @param liveMb the most heap left in use after a collection: what the gateway really holds
     * @param maxMb the heap's limit (-Xmx)
     */
    record Heap(long peakMb, long poolPeaksMb, long liveMb, long maxMb) {
        @Override
        public String toString() {
            return "peak heap " + peakMb + " MB (sum of pool peaks " + poolPeaksMb + " MB), at most " + liveMb
                    + " MB live after a GC; -Xmx " + maxMb + " MB";
        }
    }

    @Override
    public void close() throws IOException {
        sampler.shutdownNow();
        connector.close();
    }
}
