package org.amanat;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A gateway in a JVM of its own, on the test classpath, that a test can kill with SIGKILL. */
public final class GatewayProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private GatewayProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * The JVM options of a test's gateway. It lives for seconds, not hours: with the quick compiler only (C1) it answers
     * about a fifth sooner (6.8 s against 8.1 s on this 2-core machine, more while the other test fork runs) and leaves
     * the CPU to the tests. The load harness passes its own options and gets the full JIT.
     */
    public static final List<String> SHORT_LIVED = List.of("-XX:TieredStopAtLevel=1");

    /** Starts a gateway with these settings and returns once it answers HTTP. */
    public static GatewayProcess start(Map<String, String> settings, Path log) throws IOException {
        return start(SHORT_LIVED, settings, log);
    }

    /** The same, with options for the JVM (heap size, flight recorder). */
    public static GatewayProcess start(List<String> jvmOptions, Map<String, String> settings, Path log)
            throws IOException {
        int port = freePort();
        Process process = launch(jvmOptions, settings, port, log);
        var gateway = new GatewayProcess(process, port, log);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .failFast("gateway exited; see " + log, () -> !process.isAlive())
                .until(() -> gateway.api().get("/actuator/health").statusCode() == 200);
        return gateway;
    }

    /** Starts a gateway JVM and returns at once, for a test that watches it fail to start. */
    public static Process launch(List<String> jvmOptions, Map<String, String> settings, int port, Path log)
            throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), AmanatApplication.class.getName()));
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        command.add("--server.port=" + port);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    public Api api() {
        return new Api(port);
    }

    public int port() {
        return port;
    }

    /** SIGKILL: no shutdown hooks, no flushing; returns the exit code (137). */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor();
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
