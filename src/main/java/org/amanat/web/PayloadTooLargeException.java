package org.amanat.web;

import java.io.IOException;

/** Thrown while reading a request body that turns out larger than allowed. */
class PayloadTooLargeException extends IOException {
    private final long limit;

    PayloadTooLargeException(long limit) {
        super("request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    long limit() {
        return limit;
    }
}
