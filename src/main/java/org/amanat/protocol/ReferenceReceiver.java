package org.amanat.protocol;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A small HTTP(S) server a platform can embed: it accepts sealed notices, opens them with the kit,
 * hands each new verified notice to a callback once, and answers every delivery with a signed receipt
 * (DUPLICATE for a notice it already has). Refused messages get HTTP 400 with a one-line reason.
 */
public final class ReferenceReceiver implements AutoCloseable {
    private static final int MAX_BODY = 2 * 1024 * 1024;

    static {
        // The JDK's HTTP server leaves Nagle's algorithm on unless this property is set before its first use;
        // with it on, each receipt can wait ~40 ms for the gateway's delayed ACK. An explicit setting wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final PartnerKit kit;
    private final Consumer<OpenedNotice> onNotice;
    private final Map<String, String> referencesByNoticeId = new ConcurrentHashMap<>();
    private final AtomicLong duplicates = new AtomicLong();
    private HttpServer server;

    public ReferenceReceiver(PartnerKit kit, Consumer<OpenedNotice> onNotice) {
        this.kit = kit;
        this.onNotice = onNotice;
    }

    /**
     * Starts listening on {@code address} at {@code path}.
     *
     * @param tls the server's TLS context, or null for plain HTTP
     * @param requireClientCertificate ask for and require the client's certificate (mutual TLS)
     */
    public ReferenceReceiver start(
            InetSocketAddress address, String path, SSLContext tls, boolean requireClientCertificate)
            throws IOException {
        if (tls == null) {
            server = HttpServer.create(address, 64);
        } else {
            HttpsServer https = HttpsServer.create(address, 64);
            https.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(HttpsParameters parameters) {
                    SSLParameters ssl = tls.getDefaultSSLParameters();
                    ssl.setProtocols(TlsContexts.PROTOCOLS);
                    ssl.setCipherSuites(TlsContexts.CIPHER_SUITES);
                    ssl.setNeedClientAuth(requireClientCertificate);
                    parameters.setSSLParameters(ssl);
                }
            });
            server = https;
        }
        server.createContext(path, this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return this;
    }

    /** How many deliveries were of notices this receiver already had (answered DUPLICATE). */
    public long duplicates() {
        return duplicates.get();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                reply(exchange, 405, "text/plain", "POST a sealed notice".getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] body = readBody(exchange.getRequestBody());
            OpenedNotice opened;
            try {
                opened = kit.open(body);
            } catch (ProtocolException refused) {
                reply(exchange, 400, "text/plain", refused.getMessage().getBytes(StandardCharsets.UTF_8));
                return;
            }
            String noticeId = opened.notice().noticeId();
            String fresh = UUID.randomUUID().toString();
            String reference = referencesByNoticeId.putIfAbsent(noticeId, fresh);
            Disposition disposition = reference == null ? Disposition.RECEIVED : Disposition.DUPLICATE;
            if (reference == null) {
                reference = fresh;
                onNotice.accept(opened);
            } else {
                duplicates.incrementAndGet();
            }
            reply(exchange, 200, HttpWire.RECEIPT_CONTENT_TYPE, kit.receipt(opened, disposition, reference));
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new IOException("body over " + MAX_BODY + " bytes");
        }
        return body;
    }

    private static void reply(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
