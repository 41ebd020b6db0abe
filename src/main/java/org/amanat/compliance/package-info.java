/**
 * Compliance: deadlines and breaches, security obligations, scorecards, metrics and reports. It reads
 * the ledger, the source of truth, and never changes a notice.
 */
package org.amanat.compliance;
