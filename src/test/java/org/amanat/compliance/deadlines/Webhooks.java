package org.amanat.compliance.deadlines;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.amanat.Api;

/** The breach webhooks a WireMock server received, each checked against the Standard Webhooks signature. */
public final class Webhooks {
    static final String PATH = "/hooks/breach";
    static final byte[] KEY = "a test key of thirty-two bytes!!".getBytes(StandardCharsets.US_ASCII);
    public static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);

    private Webhooks() {}

    /** The breach payloads posted for one notice; fails if any of them is not signed with the shared key. */
    static List<JsonNode> forNotice(WireMockServer server, String noticeId) {
        return server.findAll(postRequestedFor(urlEqualTo(PATH))).stream()
                .peek(Webhooks::assertSigned)
                .map(request -> json(request.getBodyAsString()))
                .filter(body -> body.get("noticeId").asText().equals(noticeId))
                .toList();
    }

    private static void assertSigned(LoggedRequest request) {
        String signed = request.getHeader("webhook-id") + "." + request.getHeader("webhook-timestamp") + "."
                + request.getBodyAsString();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            String expected =
                    "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
            assertThat(request.getHeader("webhook-signature")).isEqualTo(expected);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return Api.JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("webhook body is not JSON: " + body, e);
        }
    }
}
