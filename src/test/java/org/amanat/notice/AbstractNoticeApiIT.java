package org.amanat.notice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "amanat.delivery.enabled=false")
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
        assertRefused(
                n -> {
                    ArrayNode items = n.putArray("items");
                    for (int i = 0; i <= NoticeRequestValidator.MAX_ITEMS; i++) {
                        items.addObject()
                                .put("locator", "https://video.example/watch?v=" + i)
                                .put("kind", "URL");
                    }
                },
                422,
                "items");
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
        HttpResponse<String> response = api().post(
                        "/api/v1/notices", "text/plain", Api.validNotice("tube").toString());
        assertProblem(response, 415, "Content-Type");
        assertThat(ledgerRows()).isEqualTo(before);
    }

    @Test
    void refusesBodyOverOneMebibyte() {
        long before = ledgerRows();
        String oversized = oversizedNotice();

        HttpResponse<String> response = api().post("/api/v1/notices", "application/json", oversized);

        assertProblem(response, 413, "(body)");
        assertThat(ledgerRows()).isEqualTo(before);
    }

    @Test
    void refusesChunkedBodyOverOneMebibyte() throws Exception {
        long before = ledgerRows();
        byte[] oversized = oversizedNotice().getBytes();
        HttpRequest.Builder chunked = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/notices"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(oversized)));

        HttpResponse<String> response = send(chunked);

        assertProblem(response, 413, "(body)");
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

    /** The acting person is the one signed in: a body that still names one is refused, whoever it names. */
    @Test
    void refusesABodyThatNamesTheActingPerson() {
        String id = api().issue(Api.validNotice("tube"));
        long before = ledgerRows();

        assertRefused(n -> ((ObjectNode) n.get("issuer")).put("officerId", Api.OFFICER), 400, "issuer.officerId");
        assertProblem(
                api().post(
                                "/api/v1/notices/" + id + "/withdrawal",
                                "application/json",
                                "{\"officerId\": \"officer-17\", \"reason\": \"lifted\"}"),
                400,
                "officerId");
        assertProblem(
                api().as(Api.ADMIN)
                        .post(
                                "/api/v1/notices/" + id + "/abandonment",
                                "application/json",
                                "{\"administratorId\": \"admin-1\", \"reason\": \"gone\"}"),
                400,
                "administratorId");

        assertThat(ledgerRows()).as("ledger unchanged").isEqualTo(before);
    }

    @Test
    void theSignedInOfficerIsTheIssuerAndOnlyTheyMayWithdraw() {
        String id = api().issue(Api.validNotice("tube"));
        long before = ledgerRows();

        JsonNode notice = api().notice(id);
        assertThat(notice.at("/notice/issuer/officerId").asText())
                .as("the signed notice names the signed-in officer")
                .isEqualTo(Api.OFFICER);
        assertThat(notice.at("/notice/issuer/authority").asText()).isEqualTo("Ministry of Communications");
        assertThat(notice.at("/history/0/actor").asText()).isEqualTo(Api.OFFICER);
        HttpResponse<String> other = api().as(Api.OTHER_OFFICER)
                .post("/api/v1/notices/" + id + "/withdrawal", "application/json", "{\"reason\": \"lifted\"}");
        assertProblem(other, 403, "(path)");
        assertThat(ledgerRows()).as("ledger unchanged").isEqualTo(before);

        HttpResponse<String> own =
                api().post("/api/v1/notices/" + id + "/withdrawal", "application/json", "{\"reason\": \"lifted\"}");
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        JsonNode last =
                Api.json(own).get("history").get(Api.json(own).get("history").size() - 1);
        assertThat(last.get("kind").asText()).isEqualTo("WITHDRAWN");
        assertThat(last.get("actor").asText()).isEqualTo(Api.OFFICER);
        assertThat(last.get("detail").asText()).contains("by officer " + Api.OFFICER);
    }

    @Test
    void refusesWithdrawalWithoutAReason() {
        String id = api().issue(Api.validNotice("tube"));

        HttpResponse<String> response = api().post("/api/v1/notices/" + id + "/withdrawal", "application/json", "{}");

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

    @Test
    void refusesLocatorsThatWouldBeStoredOtherThanValidated() {
        assertRefused(n -> item(n).put("locator", "https://video.example/watch?v=abc123\r\n"), 422, "items[0].locator");
        assertRefused(n -> item(n).put("locator", "\u0001https://video.example/watch"), 422, "items[0].locator");
        assertRefused(n -> item(n).put("locator", "https://video.example/watch\u0000"), 422, "items[0].locator");
        assertRefused(n -> item(n).put("locator", "https://officer:pw@video.example/watch"), 422, "items[0].locator");
        assertRefused(n -> item(n).put("locator", "http://169.254.169.254/latest/meta-data"), 422, "items[0].locator");
        assertRefused(n -> item(n).put("locator", "http://[::1]:8080/admin"), 422, "items[0].locator");
        assertRefused(n -> item(n).put("kind", "ACCOUNT").put("locator", "@bad\u202eactor"), 422, "items[0].locator");
    }

    @Test
    void refusesHiddenCharactersAndOverlongValuesInTextFields() {
        assertRefused(n -> n.put("statementOfReasons", "Fabricated footage.\u202e.exe"), 422, "statementOfReasons");
        assertRefused(n -> ((ObjectNode) n.get("issuer")).put("authority", "Ministry\u200b"), 422, "issuer.authority");
        assertRefused(n -> ((ObjectNode) n.get("issuer")).put("contact", "x".repeat(321)), 422, "issuer.contact");
        assertRefused(n -> n.put("territorialScope", "ID\r\nX-Injected: 1"), 422, "territorialScope");
        assertRefused(n -> n.put("redress", "r".repeat(NoticeRequestValidator.MAX_REASON + 1)), 422, "redress");
        long before = ledgerRows();
        ObjectNode loneSurrogate = Api.validNotice("tube");
        loneSurrogate
                .putArray("evidence")
                .addObject()
                .put("sha256", "b".repeat(64))
                .put("description", "LONE");
        assertProblem(
                api().post(
                                "/api/v1/notices",
                                "application/json",
                                loneSurrogate.toString().replace("LONE", "\\ud800")),
                422,
                "evidence[0].description");
        assertThat(ledgerRows()).as("ledger unchanged").isEqualTo(before);
    }

    @Test
    void refusesAKeyGivenTwiceInsteadOfKeepingTheLast() {
        String twice = Api.validNotice("tube")
                .toString()
                .replace("\"partnerId\":\"tube\"", "\"partnerId\":\"tube\",\"partnerId\":\"chirp\"");

        assertRefusedBody(twice.getBytes(StandardCharsets.UTF_8), "application/json", "(body)");
    }

    @Test
    void refusesContentAfterTheDocument() {
        assertRefusedBody(
                (Api.validNotice("tube") + "{}").getBytes(StandardCharsets.UTF_8), "application/json", "(body)");
        assertRefusedBody(
                (Api.validNotice("tube") + " x").getBytes(StandardCharsets.UTF_8), "application/json", "(body)");
    }

    @Test
    void refusesNumbersAndBooleansWhereAStringBelongs() {
        assertRefused(n -> ((ObjectNode) n.get("issuer")).put("authority", 17), 400, "issuer.authority");
        assertRefused(n -> n.put("statementOfReasons", true), 400, "statementOfReasons");
        assertRefused(n -> n.put("urgency", 0), 400, "urgency");
    }

    @Test
    void refusesOverlongUtf8InsteadOfDecodingItIntoMarkup() {
        byte[] body = Api.validNotice("tube")
                .put("statementOfReasons", "OVERLONG")
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        String json = new String(body, StandardCharsets.ISO_8859_1)
                .replace(
                        "OVERLONG",
                        "\u00c0\u00bcscript\u00c0\u00be"); // 0xC0 0xBC, 0xC0 0xBE: '<' and '>' in overlong form

        assertRefusedBody(json.getBytes(StandardCharsets.ISO_8859_1), "application/json", "(body)");
    }

    @Test
    void refusesJsonInAnotherCharset() {
        String notice = Api.validNotice("tube").toString();

        assertRefusedBody(notice.getBytes(StandardCharsets.UTF_16), "application/json", "(body)");
        assertRefusedBody(
                notice.getBytes(StandardCharsets.ISO_8859_1), "application/json;charset=ISO-8859-1", "(body)");
    }

    @Test
    void refusesABodyWhoseFirstBytesLookLikeUtf32() {
        // Found by NoticeRequestFuzzTest: Jackson's byte parser guesses UTF-32 from such a start and fails outside its
        // own errors.
        byte[] utf32Looking = {
            (byte) 0xcf, 0, 0, 0, 'p', 'e', '"', ':', ' ', '"', 'T', 'A', 'K', 'E', 'D', 'O', 'W', 'N', '"', '}'
        };

        assertRefusedBody(utf32Looking, "application/json", "(body)");
    }

    @Test
    void errorsNameTheFieldButNoJavaClass() {
        HttpResponse<String> response = postRaw(
                "application/json",
                Api.validNotice("tube").put("urgency", "WHENEVER").toString().getBytes(StandardCharsets.UTF_8));

        assertProblem(response, 400, "urgency");
        assertThat(response.body())
                .contains("must be one of [URGENT, STANDARD]")
                .doesNotContain("org.amanat", "java.", "`");
    }

    @Test
    void refusesUnknownQueryParameter() {
        assertProblem(api().get("/api/v1/notices?partnr=chirp"), 400, "partnr");
        assertProblem(api().get("/api/v1/notices/01a20000-0000-7000-8000-000000000000?verbose=true"), 400, "verbose");
    }

    @Test
    void refusesPagesBeyondWhatCanBeCounted() {
        assertProblem(api().get("/api/v1/notices?page=99999999999"), 400, "page");
        assertProblem(api().get("/api/v1/notices?size=-1"), 400, "size");
        assertProblem(api().get("/api/v1/notices?page=2147483647&size=200"), 400, "page");
        assertProblem(api().get("/api/v1/notices?page=10737419&size=200"), 400, "page");
        assertThat(api().get("/api/v1/notices?page=10737418&size=200").statusCode())
                .isEqualTo(200);
    }

    @Test
    void answersUnknownPathsAndWrongMethodsWithProblemJsonNeverAFrameworkPage() {
        for (String accept : List.of("*/*", "text/html", "text/csv")) {
            HttpResponse<String> unknown = send(HttpRequest.newBuilder(uri("/api/v1/nothing-here"))
                    .header("Accept", accept)
                    .GET());
            assertProblem(unknown, 404, "(path)");
            assertThat(unknown.body()).doesNotContain("Whitelabel", "static resource", "<html");
        }
        assertProblem(
                send(HttpRequest.newBuilder(uri("/no/such/page"))
                        .header("Accept", "text/html")
                        .GET()),
                404,
                "(path)");
        assertProblem(
                send(HttpRequest.newBuilder(uri("/error"))
                        .header("Accept", "text/html")
                        .GET()),
                404,
                null);

        HttpResponse<String> delete =
                send(HttpRequest.newBuilder(uri("/api/v1/notices")).DELETE());
        assertProblem(delete, 405, "(method)");
        assertThat(delete.headers().firstValue("Allow")).isPresent();
        HttpResponse<String> put =
                send(HttpRequest.newBuilder(uri("/api/v1/notices/01a20000-0000-7000-8000-000000000000"))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertProblem(put, 405, "(method)");
    }

    @Test
    void answersWhatTomcatRefusesItselfWithProblemJsonToo() throws Exception {
        for (String target : List.of("/api/v1/notices/a|b", "/api/v1/notices/%00", "/api/v1/notices/a{b}")) {
            String answer = rawGet(target);
            assertThat(answer)
                    .startsWith("HTTP/1.1 400")
                    .contains("Content-Type: application/problem+json")
                    .contains("\"errors\":[{\"field\":\"(request)\"")
                    .doesNotContain("<html", "Tomcat");
        }
    }

    @Test
    void refusesQueryParameterThatCannotBeDecodedInsteadOfDroppingIt() throws Exception {
        assertThat(rawGet("/api/v1/notices?page=%ZZ"))
                .startsWith("HTTP/1.1 400")
                .contains("Content-Type: application/problem+json")
                .contains("\"errors\":[{\"field\":\"(query)\"");
    }

    private String rawGet(String target) throws Exception {
        try (var socket = new java.net.Socket("localhost", port)) {
            socket.getOutputStream()
                    .write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
                                    + "Authorization: " + Api.basic(Api.OFFICER, Api.PASSWORD)
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void doesNotEchoAPathIdThatIsNoNoticeId() {
        HttpResponse<String> response = api().get("/api/v1/notices/%3Cscript%3E");

        assertProblem(response, 404, "(path)");
        assertThat(Api.json(response).get("detail").asText()).doesNotContain("script");
        assertThat(Api.json(response).get("errors").toString()).doesNotContain("script");
    }

    @Test
    void refusesWithdrawalAndAbandonmentBeyondTheLimitsOfIssuing() {
        String id = api().issue(Api.validNotice("tube"));
        long before = ledgerRows();

        assertProblem(
                api().post(
                                "/api/v1/notices/" + id + "/withdrawal",
                                "application/json",
                                "{\"reason\": \"lifted\\r\\nX-Injected: 1\"}"),
                422,
                "reason");
        Api admin = api().as(Api.ADMIN);
        assertProblem(
                admin.post(
                        "/api/v1/notices/" + id + "/abandonment",
                        "application/json",
                        "{\"reason\": \"" + "r".repeat(NoticeRequestValidator.MAX_REASON + 1) + "\"}"),
                422,
                "reason");
        assertProblem(
                admin.post(
                        "/api/v1/notices/" + id + "/abandonment",
                        "application/json",
                        "{\"reason\": \"gone\", \"reason\": \"lifted\"}"),
                400,
                "(body)");

        assertThat(ledgerRows()).as("ledger unchanged").isEqualTo(before);
        assertThat(api().notice(id).get("state").asText()).isEqualTo("ISSUED");
    }

    private void assertRefusedBody(byte[] body, String contentType, String field) {
        long before = ledgerRows();

        assertProblem(postRaw(contentType, body), 400, field);
        assertThat(ledgerRows()).as("ledger unchanged").isEqualTo(before);
    }

    private HttpResponse<String> postRaw(String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(uri("/api/v1/notices"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** Signed in as the officer, like every request of these tests: they are about what is accepted and stored. */
    private HttpResponse<String> send(HttpRequest.Builder request) {
        return api().send(request);
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
        assertThat(problem.get("errors").isArray()).as("errors list").isTrue();
        assertThat(problem.get("errors")).as("errors list").isNotEmpty();
        if (field != null) {
            assertThat(problem.get("errors").findValuesAsText("field"))
                    .as(response.body())
                    .containsExactly(field);
        }
    }

    private static ObjectNode item(ObjectNode notice) {
        return (ObjectNode) notice.get("items").get(0);
    }

    private static String oversizedNotice() {
        return Api.validNotice("tube")
                .put("statementOfReasons", "x".repeat(1024 * 1024))
                .toString();
    }

    /** Every row the ledger holds, over all its tables. */
    private long ledgerRows() {
        return List.of("notice", "outbox", "notice_event", "delivery_attempt").stream()
                .mapToLong(this::rows)
                .sum();
    }

    private long rows(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private Api api() {
        return new Api(port);
    }
}
