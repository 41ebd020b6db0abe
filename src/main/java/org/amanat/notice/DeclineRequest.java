package org.amanat.notice;

/** A second person's refusal of a held notice, with the reason that goes on record. */
record DeclineRequest(String reason) {}
