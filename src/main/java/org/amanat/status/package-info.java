/**
 * Status updates from platforms ({@code POST /partner/v1/status}, route
 * {@code routes/receive-status.yaml}): decrypt with the ministry's key, verify under the sending
 * platform's pinned certificate, check every field and the report against its notice, refuse
 * replays, stale or future messages, notices of other platforms and transitions the rule forbids,
 * apply the state change, and answer with the ministry's signed receipt. Every refusal is recorded
 * as a security event, logged as one escaped line, and changes nothing else.
 */
package org.amanat.status;
