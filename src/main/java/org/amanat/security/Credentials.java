package org.amanat.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.http.HttpHeaders;

/** What a request says about who sends it, before anything is checked: for throttling and for the log. */
final class Credentials {
    private Credentials() {}

    /** The user name of an HTTP Basic header, or null. Nothing here is verified. */
    static String basicUser(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded =
                    new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : bounded(decoded.substring(0, colon));
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    /** A user name from outside, cut to one character past the longest name (nothing longer can be a user); null stays null. */
    static String bounded(String name) {
        return name == null ? null : name.substring(0, Math.min(name.length(), UsersFile.MAX_NAME + 1));
    }

    static boolean present(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    }
}
