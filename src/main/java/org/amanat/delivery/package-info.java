/**
 * The beans the delivery route ({@code routes/deliver-notices.yaml}) calls: claim due outbox
 * entries, seal each notice for its partner, verify the partner's signed receipt, and record every
 * attempt with its outcome. One HTTP client per partner, with its own TLS and timeouts.
 */
package org.amanat.delivery;
