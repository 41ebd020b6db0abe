package org.amanat.notice;

import java.util.List;
import org.amanat.protocol.Category;
import org.amanat.protocol.Notice.Evidence;
import org.amanat.protocol.Notice.Item;
import org.amanat.protocol.Notice.LegalBasis;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Urgency;

/**
 * What an officer sends; the gateway adds the id, the issue time, the deadlines, and the officer: the person signed in
 * (an {@code officerId} in the body is an unknown field, 400).
 */
record NoticeRequest(
        NoticeType type,
        String partnerId,
        Urgency urgency,
        Category category,
        LegalBasis legalBasis,
        List<Item> items,
        String statementOfReasons,
        Issuer issuer,
        List<Evidence> evidence,
        String relatesTo,
        String territorialScope,
        String redress) {

    /** The authority and contact that partners see; the signed notice adds {@code officerId}, the person signed in. */
    record Issuer(String authority, String contact) {}
}
