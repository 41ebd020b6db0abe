package org.amanat.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.amanat.web.InvalidRequestException.Kind;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ProblemResponsesTest {
    @Test
    void eachKindOfRefusalHasItsOwnStatus() {
        assertThat(ProblemResponses.status(Kind.MALFORMED)).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(ProblemResponses.status(Kind.INVALID)).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(ProblemResponses.status(Kind.CONFLICT)).isEqualTo(HttpStatus.CONFLICT);
        assertThat(ProblemResponses.status(Kind.FORBIDDEN)).isEqualTo(HttpStatus.FORBIDDEN);
    }
}
