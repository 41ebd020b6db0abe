/** Compliance: deadlines and breaches, security obligations, scorecards, metrics and reports. */
package org.amanat.compliance;
