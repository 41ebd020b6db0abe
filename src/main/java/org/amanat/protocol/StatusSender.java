package org.amanat.protocol;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * Sends a platform's status update to the gateway ({@code POST /partner/v1/status}) and checks the
 * ministry's signed answer.
 */
public final class StatusSender {

    private final PartnerKit kit;
    private final X509Certificate ministryEncryption;
    private final URI statusEndpoint;
    private final HttpClient http;

    /** @param tls the client TLS context (with the platform's client certificate), or null for plain HTTP */
    public StatusSender(PartnerKit kit, X509Certificate ministryEncryption, URI statusEndpoint, SSLContext tls) {
        this.kit = kit;
        this.ministryEncryption = ministryEncryption;
        this.statusEndpoint = statusEndpoint;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        this.http = (tls == null ? builder : builder.sslContext(tls)).build();
    }

    /** Seals, sends, and returns the verified receipt; a refusal throws with the gateway's explanation. */
    public StatusReceipt send(StatusUpdate update) throws IOException, InterruptedException {
        byte[] sealed = kit.sealStatus(update, ministryEncryption);
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(statusEndpoint)
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", HttpWire.ENVELOPED_CONTENT_TYPE)
                        .header(HttpWire.PARTNER_HEADER, kit.partnerId())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(sealed))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("gateway refused status " + update.statusId() + ": HTTP " + response.statusCode()
                    + " " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return kit.verifyStatusReceipt(response.body(), update.statusId(), sealed);
    }
}
