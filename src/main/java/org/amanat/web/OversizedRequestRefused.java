package org.amanat.web;

/**
 * A request body over the limit was refused with 413 before anything read it. Published so that the
 * module owning the endpoint can record the refusal: the filter that refuses it knows no endpoint.
 *
 * @param partnerId the {@code Amanat-Partner-Id} header as sent (unchecked, may be null)
 */
public record OversizedRequestRefused(String path, String partnerId, long limit) {}
