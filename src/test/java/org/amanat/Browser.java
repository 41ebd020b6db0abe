package org.amanat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a browser does on the console's pages, over real HTTP: it keeps its cookies, follows no redirect on its own (the
 * tests look at each), and posts forms with the CSRF token of the last page it read. The console's own tests drive a
 * real Chromium; this is for the sign-in rules, where each answer matters more than the rendering.
 */
public final class Browser {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String lastPage = "";

    public Browser(int port) {
        this.base = "http://localhost:" + port;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public HttpResponse<String> get(String pathOrUrl) {
        return remember(send(HttpRequest.newBuilder(uri(pathOrUrl))
                .header("Accept", "text/html")
                .GET()));
    }

    /** A GET with these extra headers (Accept-Language, Authorization). */
    public HttpResponse<String> get(String path, String... headers) {
        return remember(send(HttpRequest.newBuilder(uri(path))
                .header("Accept", "text/html")
                .headers(headers)
                .GET()));
    }

    /** Posts a form with the CSRF token of the last page read. */
    public HttpResponse<String> submit(String path, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put(
                "_csrf",
                csrfToken().orElseThrow(() -> new AssertionError("the last page has no CSRF token:\n" + lastPage)));
        return post(path, form);
    }

    /** Posts a form as it is, without adding a token. */
    public HttpResponse<String> post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Signs in on the sign-in page with this user's password; fails the test unless the gateway goes on to the console. */
    public Browser signIn(String user, String password) {
        get("/login");
        HttpResponse<String> answer = submit("/login", Map.of("username", user, "password", password));
        if (answer.statusCode() != 302 || !location(answer).endsWith("/console")) {
            throw new AssertionError(
                    "sign-in of " + user + " answered " + answer.statusCode() + " " + location(answer));
        }
        return this;
    }

    public Optional<String> csrfToken() {
        Matcher token = CSRF.matcher(lastPage);
        return token.find() ? Optional.of(token.group(1)) : Optional.empty();
    }

    public Optional<HttpCookie> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .findFirst();
    }

    public static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
    }

    private HttpResponse<String> remember(HttpResponse<String> response) {
        lastPage = response.body();
        return response;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
