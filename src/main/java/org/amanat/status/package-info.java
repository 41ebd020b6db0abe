/**
 * Status updates from platforms ({@code POST /partner/v1/status}, route
 * {@code routes/receive-status.yaml}): decrypt with the ministry's key, verify under the sending
 * platform's pinned certificate, refuse replays, stale or future messages and notices of other
 * platforms, apply the state change, and answer with the ministry's signed receipt. Every refusal is
 * recorded as a security event and changes nothing else.
 */
package org.amanat.status;
