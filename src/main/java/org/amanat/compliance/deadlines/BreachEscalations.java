package org.amanat.compliance.deadlines;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.core.IntervalFunction;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.amanat.compliance.ComplianceSettings;
import org.amanat.delivery.DeliverySettings;
import org.amanat.delivery.OutboundHttpClients;
import org.amanat.ledger.JobLocks;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Posts each breach to the configured webhook until it is accepted (a 2xx answer). The ledger keeps
 * what is still due, so an escalation survives a restart and is sent by one node; the webhook-id
 * stays the same on every retry, so the receiver can tell a resend.
 */
@Component("breachEscalations")
public class BreachEscalations implements DisposableBean {
    static final String JOB = "escalations";
    private static final Logger log = LoggerFactory.getLogger(BreachEscalations.class);
    private static final int BATCH = 20;

    private final Breaches breaches;
    private final JobLocks locks;
    private final ComplianceSettings.Escalation settings;
    private final String node;
    private final Clock clock;
    private final ObjectMapper json;
    private final WebhookSignature signature;
    private final CloseableHttpClient http;
    private final IntervalFunction backoff;

    BreachEscalations(
            Breaches breaches,
            JobLocks locks,
            ComplianceSettings settings,
            DeliverySettings delivery,
            Clock clock,
            ObjectMapper json) {
        this.breaches = breaches;
        this.locks = locks;
        this.settings = settings.escalation();
        this.node = delivery.nodeId();
        this.clock = clock;
        this.json = json;
        boolean configured = this.settings.webhookConfigured();
        // A webhook without its secret would be unauthenticated: refuse to start rather than send it.
        this.signature = configured ? new WebhookSignature(this.settings.webhookSecret()) : null;
        // One job on one node sends the escalations one after another: one connection is enough.
        this.http = configured
                ? OutboundHttpClients.create(this.settings.timeout(), this.settings.timeout(), 1, null)
                : null;
        this.backoff = IntervalFunction.ofExponentialBackoff(
                this.settings.retryInterval(), 2.0, this.settings.maxRetryInterval());
    }

    /** @return how many escalations were accepted by the webhook in this round */
    public int sendDue() {
        if (http == null) {
            return 0;
        }
        Duration hold = settings.timeout().multipliedBy(BATCH + 1L);
        return locks.runAlone(JOB, node, clock, hold, () -> {
                    int sent = 0;
                    for (BreachRecord breach : breaches.dueEscalations(clock.instant(), BATCH)) {
                        if (send(breach)) {
                            sent++;
                        }
                    }
                    return sent;
                })
                .orElse(0);
    }

    private boolean send(BreachRecord breach) {
        String id = "amanat-breach-" + breach.id();
        long timestamp = clock.instant().getEpochSecond();
        String body = body(breach);
        HttpPost post = new HttpPost(settings.webhookUrl());
        post.setHeader("webhook-id", id);
        post.setHeader("webhook-timestamp", Long.toString(timestamp));
        post.setHeader("webhook-signature", signature.sign(id, timestamp, body));
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        String failure;
        try {
            int status = http.execute(post, response -> response.getCode());
            if (status / 100 == 2) {
                breaches.escalated(breach.id(), clock.instant());
                log.info("breach {} of notice {} escalated to the webhook", breach.id(), breach.noticeId());
                return true;
            }
            failure = "HTTP " + status;
        } catch (IOException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        Instant retryAt = clock.instant().plus(retryAfter(breach.escalationAttempts()));
        breaches.escalationFailed(breach.id(), retryAt, failure);
        log.warn("breach {} not escalated ({}), next try at {}", breach.id(), failure, retryAt);
        return false;
    }

    /** Doubles from the first retry interval, capped: a webhook down for a day is not hammered, nor forgotten. */
    Duration retryAfter(int attemptsSoFar) {
        return Duration.ofMillis(backoff.apply(attemptsSoFar + 1));
    }

    private String body(BreachRecord breach) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "amanat.breach");
        payload.put("breachId", breach.id());
        payload.put("partnerId", breach.partnerId());
        payload.put("noticeId", breach.noticeId());
        payload.put("kind", breach.kind().name());
        payload.put("deadline", breach.deadline().toString());
        payload.put("detectedAt", breach.detectedAt().toString());
        payload.put("noticeType", breach.noticeType());
        payload.put("urgency", breach.urgency());
        payload.put("category", breach.category());
        payload.put("detail", breach.detail());
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    @Override
    public void destroy() throws IOException {
        if (http != null) {
            http.close();
        }
    }
}
