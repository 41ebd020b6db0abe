package org.amanat.security;

/** The roles of issue 11. A person may hold several; each endpoint names the roles it takes ({@link EndpointRules}). */
public enum Role {
    /** Issues notices, withdraws their own, follows them. */
    OFFICER,
    /** Approves or declines what needs a second person. */
    APPROVER,
    /** Scorecards, breaches, findings, reports and exports; reads, and may ask for a probe. */
    COMPLIANCE,
    /** Partners, keys, abandonment, users; the actuator. */
    ADMIN,
    /** Reads everything, the history of who did what included; changes nothing. */
    AUDITOR;

    /** The Spring Security authority of this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
