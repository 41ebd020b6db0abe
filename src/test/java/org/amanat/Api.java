package org.amanat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The officers' API over real HTTP, signed in with HTTP Basic as one of {@link TestGateway}'s users (the officer
 * {@link #OFFICER} unless told otherwise), and a valid baseline notice request that tests change one field of.
 */
public final class Api {
    public static final ObjectMapper JSON = new ObjectMapper();
    /** The users of {@link TestGateway}'s users file, one or two per role; all have {@link #PASSWORD}. */
    public static final String OFFICER = "officer-17";

    public static final String OTHER_OFFICER = "officer-9";
    public static final String APPROVER = "approver-1";
    /** An officer who is also an approver: the one who could approve their own notice, were it not refused. */
    public static final String OFFICER_APPROVER = "officer-approver-5";

    public static final String OTHER_APPROVER = "approver-2";
    public static final String COMPLIANCE = "compliance-1";
    public static final String ADMIN = "admin-1";
    public static final String AUDITOR = "auditor-1";
    public static final String PASSWORD = "test-sign-in";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;
    private final String authorization;

    public Api(int port) {
        this("http://localhost:" + port, basic(OFFICER, PASSWORD));
    }

    private Api(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** The same gateway, signed in as another of {@link TestGateway}'s users. */
    public Api as(String user) {
        return new Api(base, basic(user, PASSWORD));
    }

    /** The same gateway with this Authorization header (a bearer token, wrong credentials), or none when null. */
    public Api withAuthorization(String header) {
        return new Api(base, header);
    }

    public Api anonymous() {
        return new Api(base, null);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static ObjectNode validNotice(String partnerId) {
        ObjectNode notice = JSON.createObjectNode()
                .put("type", "TAKEDOWN")
                .put("partnerId", partnerId)
                .put("urgency", "URGENT")
                .put("category", "ELECTION_INTEGRITY")
                .put(
                        "statementOfReasons",
                        "Fabricated footage of ballot stuffing, published during the silent period.");
        notice.putObject("legalBasis").put("instrument", "MR5/2020").put("article", "Art. 14");
        ArrayNode items = notice.putArray("items");
        items.addObject()
                .put("locator", "https://video.example/watch?v=abc123")
                .put("kind", "URL")
                .put("note", "the video");
        notice.putObject("issuer")
                .put("authority", "Ministry of Communications")
                .put("contact", "takedown@ministry.example");
        return notice;
    }

    public HttpResponse<String> post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The URI of a path on this gateway. */
    public URI uri(String path) {
        return URI.create(base + path);
    }

    public HttpResponse<String> postNotice(JsonNode notice) {
        return post("/api/v1/notices", "application/json", notice.toString());
    }

    /** The same, with an {@code Idempotency-Key} header. */
    public HttpResponse<String> postNotice(JsonNode notice, String idempotencyKey) {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/v1/notices"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(notice.toString())));
    }

    /** Issues a notice and returns its id; fails the test unless the answer is 201. */
    public String issue(JsonNode notice) {
        HttpResponse<String> response = postNotice(notice);
        if (response.statusCode() != 201) {
            throw new AssertionError("expected 201, got " + response.statusCode() + ": " + response.body());
        }
        return json(response).get("id").asText();
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public JsonNode notice(String id) {
        return json(get("/api/v1/notices/" + id));
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the request, signed in as this Api is. */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        if (authorization != null) {
            request.setHeader("Authorization", authorization);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
