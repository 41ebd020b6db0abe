package org.amanat.web;

/**
 * A partner's request was refused with 429 for going over its rate limit: published for the first refusal in each
 * period, so that the module owning the endpoint records it (the filter that refuses knows no endpoint), and a flood
 * costs one record per period, not one per request.
 *
 * @param partnerId the partner the limit was counted for (a known partner's id), or null for requests that named none
 */
public record RateLimitRefused(String path, String partnerId, String limit) {}
