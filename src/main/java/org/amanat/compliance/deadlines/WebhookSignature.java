package org.amanat.compliance.deadlines;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook as the Standard Webhooks specification does (standardwebhooks.com), so receivers can
 * use its libraries: {@code v1,} + base64 HMAC-SHA256 over {@code id.timestamp.body}, with the key
 * given as {@code whsec_<base64>}.
 */
final class WebhookSignature {
    static final String PREFIX = "whsec_";

    private final SecretKeySpec key;

    WebhookSignature(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException(
                    "amanat.compliance.escalation.webhook-secret must be whsec_ followed by a base64 key");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "amanat.compliance.escalation.webhook-secret: the part after whsec_ is not base64");
        }
        if (bytes.length < 24) {
            throw new IllegalArgumentException(
                    "amanat.compliance.escalation.webhook-secret: the key must have at least 24 bytes");
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    String sign(String id, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] tag = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
