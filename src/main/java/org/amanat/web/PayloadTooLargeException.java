package org.amanat.web;

import java.io.IOException;

/** Thrown while reading a request body that turns out larger than allowed. */
class PayloadTooLargeException extends IOException {
    PayloadTooLargeException(long limit) {
        super("request body is larger than " + limit + " bytes");
    }
}
