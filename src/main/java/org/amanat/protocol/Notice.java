package org.amanat.protocol;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

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
    /** The form of a notice id as the gateway writes it (a lower-case UUID): what any id from outside must match. */
    public static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public Notice {
        items = items == null ? List.of() : List.copyOf(items);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    public record LegalBasis(String instrument, String article) {}

    public record Item(String locator, ItemKind kind, String note) {}

    public record Issuer(String authority, String officerId, String contact) {}

    public record Evidence(String sha256, String description) {}
}
