package org.amanat.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.amanat.Api;
import org.amanat.TestDatabases;
import org.amanat.TestGateway;
import org.amanat.protocol.AlgorithmPolicy;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.Disposition;
import org.amanat.protocol.HttpWire;
import org.amanat.protocol.OpenedNotice;
import org.amanat.protocol.PartnerKit;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.TestPki;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The delivery route as a route: Camel's {@link AdviceWith} replaces the step that POSTs to the partner
 * ({@code send-to-<partner>}, the id the route declares) with one that plays the platform, so the test sees exactly
 * what the route hands to the partner's endpoint and what it does with the answer, with no HTTP in between.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeliveryRouteIT {
    private static final TestGateway GATEWAY =
            new TestGateway().partner("chirp", "http://127.0.0.1:9/never-called", AlgorithmProfile.EC, "NONE");
    private static final PartnerKit PLATFORM = new PartnerKit(
            "chirp",
            TestPki.partner(KeyType.EC_P256).signing(),
            TestPki.partner(KeyType.EC_P256).encryption(),
            TestPki.ministry(KeyType.EC_P256).signing().certificate(),
            AlgorithmPolicy.strict(),
            Clock.systemUTC());
    /** What the platform step saw: one entry per call, its headers and the notice it opened. */
    private static final List<Map<String, Object>> SENT = new CopyOnWriteArrayList<>();

    private static final List<OpenedNotice> OPENED = new CopyOnWriteArrayList<>();
    private static volatile Integer refuseWith;
    private static boolean advised;

    @Autowired
    CamelContext camel;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GATEWAY.register(registry);
        TestDatabases.h2(registry);
    }

    @BeforeEach
    void playThePlatformInsteadOfSending() throws Exception {
        SENT.clear();
        OPENED.clear();
        refuseWith = null;
        if (!advised) {
            AdviceWith.adviceWith(
                    camel,
                    DeliveryRoute.routeId("chirp"),
                    route -> route.weaveById("send-to-chirp").replace().process(DeliveryRouteIT::platform));
            advised = true;
        }
    }

    private static void platform(Exchange exchange) throws Exception {
        SENT.add(Map.copyOf(exchange.getMessage().getHeaders()));
        if (refuseWith != null) {
            // What camel-http throws for an answer that is not 2xx (throwExceptionOnFailure=true).
            throw new HttpOperationFailedException(
                    "http://127.0.0.1:9/never-called", refuseWith, "Unavailable", null, Map.of(), "busy");
        }
        OpenedNotice opened = PLATFORM.open(exchange.getMessage().getBody(byte[].class));
        OPENED.add(opened);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage()
                .setBody(PLATFORM.receipt(
                        opened, Disposition.RECEIVED, "T-" + opened.notice().noticeId()));
    }

    @Test
    void handsThePartnerTheSealedNoticeUnderItsIdAndKeepsTheReceiptItAnswers() {
        Api api = new Api(port);
        String id = api.issue(Api.validNotice("chirp"));

        JsonNode delivered = awaitState(api, id, "DELIVERED");

        // Only this notice's calls: a notice of another test may still be retried meanwhile.
        List<Map<String, Object>> calls = SENT.stream()
                .filter(headers -> id.equals(headers.get(HttpWire.NOTICE_ID_HEADER)))
                .toList();
        assertThat(calls).as("one call to the partner").hasSize(1);
        assertThat(calls.get(0))
                .containsEntry(HttpWire.IDEMPOTENCY_KEY_HEADER, id)
                .containsEntry("Content-Type", HttpWire.ENVELOPED_CONTENT_TYPE);
        assertThat(OPENED)
                .as("the notice itself, sealed for the partner")
                .anyMatch(opened -> opened.notice().noticeId().equals(id));
        assertThat(delivered.at("/receipt/partnerReference").asText()).isEqualTo("T-" + id);
        assertThat(delivered.get("attempts")).hasSize(1);
    }

    @Test
    void aPartnerThatAnswers503LeavesTheNoticeUndeliveredWithTheAttemptOnRecord() {
        refuseWith = 503;
        Api api = new Api(port);
        String id = api.issue(Api.validNotice("chirp"));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.notice(id).get("attempts").size() >= 1);
        JsonNode notice = api.notice(id);

        assertThat(notice.get("state").asText()).isIn("ISSUED", "DELIVERY_FAILED");
        assertThat(notice.has("receipt")).isFalse();
        JsonNode attempt = notice.get("attempts").get(0);
        assertThat(attempt.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(attempt.get("httpStatus").asInt()).isEqualTo(503);
        assertThat(OPENED)
                .as("nothing of it reached the platform's logic")
                .noneMatch(opened -> opened.notice().noticeId().equals(id));
    }

    private static JsonNode awaitState(Api api, String id, String state) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.notice(id).get("state").asText(), state::equals);
        return api.notice(id);
    }
}
