package org.amanat.notice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.amanat.Api;
import org.amanat.TestGateway;
import org.amanat.protocol.AlgorithmProfile;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The officers' API over real HTTP on a real database. Each bad request starts from a valid baseline,
 * changes one thing, and must get problem+json naming the field while the ledger stays unchanged.
 * Delivery is off: these tests are about what is accepted and stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "amanat.delivery.enabled=false")
abstract class AbstractNoticeApiIT {
    static final TestGateway GATEWAY = new TestGateway()
            .partner("tube", "http://127.0.0.1:9/notices", AlgorithmProfile.RSA, "NONE")
            .partner("chirp", "http://127.0.0.1:9/notices", AlgorithmProfile.EC, "NONE");

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GATEWAY.register(registry);
    }

    @Test
    void issuesNoticeWithDeadlinesFromThePartnersObligations() {
        Instant before = Instant.now();
        ObjectNode standard = Api.validNotice("chirp").put("urgency", "STANDARD");

        HttpResponse<String> response = api().postNotice(standard);

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode notice = Api.json(response);
        String id = notice.get("id").asText();
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/notices/" + id);
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(notice.get("state").asText()).isEqualTo("ISSUED");
        Instant issuedAt = Instant.parse(notice.get("issuedAt").asText());
        assertThat(issuedAt).isBetween(before, Instant.now());
        assertThat(Instant.parse(notice.get("ackDeadline").asText())).isEqualTo(issuedAt.plus(Duration.ofHours(1)));
        assertThat(Instant.parse(notice.get("actionDeadline").asText())).isEqualTo(issuedAt.plus(Duration.ofHours(24)));
        assertThat(notice.at("/notice/protocol").asText()).isEqualTo("amanat/1");
        assertThat(notice.at("/notice/items/0/locator").asText()).isEqualTo("https://video.example/watch?v=abc123");
        assertThat(notice.at("/history/0/kind").asText()).isEqualTo("ISSUED");
        assertThat(rows("outbox where notice_id = '" + id + "'")).isEqualTo(1);
    }

    @Test
    void urgentNoticeMustBeActionedWithinFourHours() {
        JsonNode notice = api().notice(api().issue(Api.validNotice("tube")));

        Instant issuedAt = Instant.parse(notice.get("issuedAt").asText());
        assertThat(Instant.parse(notice.get("actionDeadline").asText())).isEqualTo(issuedAt.plus(Duration.ofHours(4)));
    }

    @Test
    void listsNoticesByPartnerAndState() {
        String id = api().issue(Api.validNotice("chirp"));

        JsonNode page = Api.json(api().get("/api/v1/notices?partner=chirp&state=ISSUED&size=200"));

        assertThat(page.get("items").findValuesAsText("id")).contains(id);
        assertThat(page.get("items").findValuesAsText("partnerId")).containsOnly("chirp");
        assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(1);
        JsonNode none = Api.json(api().get("/api/v1/notices?partner=chirp&state=DELIVERED"));
        assertThat(none.get("items")).isEmpty();
    }

    @Test
    void refusesUnknownPartner() {
        assertRefused(n -> n.put("partnerId", "nosuchplatform"), 422, "partnerId");
    }

    @Test
    void refusesNoticeWithoutItems() {
        assertRefused(n -> n.putArray("items"), 422, "items");
    }

    @Test
    void refusesMalformedUrlLocator() {
        assertRefused(n -> item(n).put("locator", "https://exa mple.com/watch"), 422, "items[0].locator");
    }

    @Test
    void refusesNonHttpUrlLocator() {
        assertRefused(n -> item(n).put("locator", "ftp://files.example/leak.zip"), 422, "items[0].locator");
    }

    @Test
    void refusesNoticeWithoutLegalBasis() {
        assertRefused(n -> n.remove("legalBasis"), 422, "legalBasis");
    }

    @Test
    void refusesMoreThanAThousandItems() {
        assertRefused(n -> {
            ArrayNode items = n.putArray("items");
            for (int i = 0; i <= NoticeRequestValidator.MAX_ITEMS; i++) {
                items.addObject().put("locator", "https://video.example/watch?v=" + i).put("kind", "URL");
            }
        }, 422, "items");
    }

    @Test
    void refusesUnknownField() {
        assertRefused(n -> n.put("colour", "red"), 400, "colour");
    }

    @Test
    void refusesUnknownUrgency() {
        assertRefused(n -> n.put("urgency", "WHENEVER"), 400, "urgency");
    }

    @Test
    void refusesMalformedJson() {
        long before = ledgerRows();
        HttpResponse<String> response = api().post("/api/v1/notices", "application/json", "{\"type\": TAKEDOWN");
        assertProblem(response, 400, "(body)");
        assertThat(ledgerRows()).isEqualTo(before);
    }

    @Test
    void refusesWrongContentType() {
        long before = ledgerRows();
        HttpResponse<String> response = api().post("/api/v1/notices", "text/plain", Api.validNotice("tube").toString());
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(ledgerRows()).isEqualTo(before);
    }

    @Test
    void refusesBodyOverOneMebibyte() {
        long before = ledgerRows();
        String oversized = oversizedNotice();

        HttpResponse<String> response = api().post("/api/v1/notices", "application/json", oversized);

        assertProblem(response, 413, null);
        assertThat(ledgerRows()).isEqualTo(before);
    }

    @Test
    void refusesChunkedBodyOverOneMebibyte() throws Exception {
        long before = ledgerRows();
        byte[] oversized = oversizedNotice().getBytes();
        HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/notices"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(oversized)))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 413, null);
        assertThat(ledgerRows()).isEqualTo(before);
    }

    @Test
    void answersUnknownNoticeWithNotFound() {
        assertProblem(api().get("/api/v1/notices/01a20000-0000-7000-8000-000000000000"), 404, null);
    }

    @Test
    void refusesUnknownStateFilter() {
        assertProblem(api().get("/api/v1/notices?state=LOST"), 400, "state");
    }

    @Test
    void refusesWithdrawalWithoutAReason() {
        String id = api().issue(Api.validNotice("tube"));

        HttpResponse<String> response = api().post("/api/v1/notices/" + id + "/withdrawal", "application/json",
                "{\"officerId\": \"officer-9\"}");

        assertProblem(response, 422, "reason");
        assertThat(api().notice(id).get("state").asText()).isEqualTo("ISSUED");
    }

    @Test
    void refusesWithdrawalNoticeIssuedDirectly() {
        String id = api().issue(Api.validNotice("tube"));

        assertRefused(n -> n.put("type", "WITHDRAWAL").put("relatesTo", id), 422, "type");
    }

    @Test
    void issuesATakedownThatRelatesToAnEarlierNoticeAndLeavesThatNoticeAsItWas() {
        String earlier = api().issue(Api.validNotice("tube"));
        String before = api().notice(earlier).get("state").asText();

        var response = api().postNotice(Api.validNotice("tube").put("relatesTo", earlier));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(Api.json(response).get("relatesTo").asText()).isEqualTo(earlier);
        assertThat(api().notice(earlier).get("state").asText()).isEqualTo(before);
    }

    private void assertRefused(Consumer<ObjectNode> defect, int status, String field) {
        ObjectNode notice = Api.validNotice("tube");
        defect.accept(notice);
        long before = ledgerRows();

        HttpResponse<String> response = api().postNotice(notice);

        assertProblem(response, status, field);
        assertThat(ledgerRows()).as("ledger unchanged").isEqualTo(before);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = Api.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asText()).startsWith("urn:amanat:problem:");
        assertThat(problem.get("title").asText()).isNotBlank();
        if (field != null) {
            assertThat(problem.get("errors").findValuesAsText("field")).as(response.body()).containsExactly(field);
        }
    }

    private static ObjectNode item(ObjectNode notice) {
        return (ObjectNode) notice.get("items").get(0);
    }

    private static String oversizedNotice() {
        return Api.validNotice("tube").put("statementOfReasons", "x".repeat(1024 * 1024)).toString();
    }

    /** Every row the ledger holds, over all its tables. */
    private long ledgerRows() {
        return List.of("notice", "outbox", "notice_event", "delivery_attempt").stream().mapToLong(this::rows).sum();
    }

    private long rows(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private Api api() {
        return new Api(port);
    }
}
