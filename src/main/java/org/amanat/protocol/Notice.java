package org.amanat.protocol;

import java.time.Instant;
import java.util.List;

/** A block or takedown notice as it travels on the wire (DESIGN.md section 3). */
public record Notice(
        String protocol,
        String noticeId,
        NoticeType type,
        String partnerId,
        Instant issuedAt,
        Urgency urgency,
        Instant ackDeadline,
        Instant actionDeadline,
        Category category,
        LegalBasis legalBasis,
        List<Item> items,
        String statementOfReasons,
        Issuer issuer,
        List<Evidence> evidence,
        String relatesTo,
        String territorialScope,
        String redress) {

    public static final String PROTOCOL = "amanat/1";

    public Notice {
        items = items == null ? List.of() : List.copyOf(items);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    public record LegalBasis(String instrument, String article) {}

    public record Item(String locator, ItemKind kind, String note) {}

    public record Issuer(String authority, String officerId, String contact) {}

    public record Evidence(String sha256, String description) {}
}
