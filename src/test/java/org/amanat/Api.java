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

/** The officers' API over real HTTP, and a valid baseline notice request that tests change one field of. */
public final class Api {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;
    private final String person;

    public Api(int port) {
        this("http://localhost:" + port, null);
    }

    private Api(String base, String person) {
        this.base = base;
        this.person = person;
    }

    /** The same API, acting as {@code person} (see {@link TestPeople}). */
    public Api as(String person) {
        return new Api(base, person);
    }

    public static ObjectNode validNotice(String partnerId) {
        ObjectNode notice = JSON.createObjectNode()
                .put("type", "TAKEDOWN")
                .put("partnerId", partnerId)
                .put("urgency", "URGENT")
                .put("category", "ELECTION_INTEGRITY")
                .put("statementOfReasons", "Fabricated footage of ballot stuffing, published during the silent period.");
        notice.putObject("legalBasis").put("instrument", "MR5/2020").put("article", "Art. 14");
        ArrayNode items = notice.putArray("items");
        items.addObject().put("locator", "https://video.example/watch?v=abc123").put("kind", "URL").put("note", "the video");
        notice.putObject("issuer").put("authority", "Ministry of Communications").put("officerId", "officer-17")
                .put("contact", "takedown@ministry.example");
        return notice;
    }

    public HttpResponse<String> post(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> postNotice(JsonNode notice) {
        return post("/api/v1/notices", "application/json", notice.toString());
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
        return send(request(path).GET().build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        return person == null ? request : request.header(TestPeople.HEADER, person);
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

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
