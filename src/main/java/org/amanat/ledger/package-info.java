/**
 * The ledger, the source of truth: notices, the outbox of pending deliveries, every delivery
 * attempt and every event, in one relational database (H2 by default, PostgreSQL in production).
 * Each state change is one transaction.
 */
package org.amanat.ledger;
