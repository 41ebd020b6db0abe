package org.amanat.notice;

import java.security.Principal;
import java.util.List;
import org.amanat.web.InvalidRequestException;
import org.amanat.web.Violation;
import org.springframework.http.HttpStatus;

/** Who acts: the authenticated principal's name, never a name from the request body. */
final class ActingPerson {
    private ActingPerson() {}

    static String of(Principal principal) {
        if (principal == null || principal.getName() == null || principal.getName().isEmpty()) {
            throw new InvalidRequestException(HttpStatus.UNAUTHORIZED, "not-signed-in",
                    List.of(new Violation("(request)", "sign in first: this decision is made by a named person")));
        }
        return principal.getName();
    }
}
