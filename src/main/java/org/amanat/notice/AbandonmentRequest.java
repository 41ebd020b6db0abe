package org.amanat.notice;

/** An administrator's explicit decision to stop delivering a notice, with the reason that goes on record; who is the person signed in. */
record AbandonmentRequest(String reason) {}
