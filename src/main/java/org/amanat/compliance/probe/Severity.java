package org.amanat.compliance.probe;

/** How urgently a finding needs attention, least urgent first. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
