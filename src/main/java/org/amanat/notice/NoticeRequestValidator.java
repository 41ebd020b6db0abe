package org.amanat.notice;

import java.util.ArrayList;
import java.util.List;
import org.amanat.partner.PartnerDirectory;
import org.amanat.protocol.Notice;
import org.amanat.protocol.Notice.Evidence;
import org.amanat.protocol.Notice.Item;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Texts;
import org.amanat.protocol.Violation;
import org.springframework.stereotype.Component;

/**
 * Checks an officer's request and collects every violation with its field path, in one pass. Values
 * are checked as they are and stored as they are: nothing is trimmed (see {@link Texts}).
 */
@Component
class NoticeRequestValidator {
    static final int MAX_ITEMS = 1000;
    static final int MAX_EVIDENCE = 100;
    static final int MAX_PARTNER_ID = 64;
    static final int MAX_REASONS = 10_000;
    static final int MAX_REASON = 2_000;
    static final int MAX_NOTE = 1_000;

    private final PartnerDirectory partners;

    NoticeRequestValidator(PartnerDirectory partners) {
        this.partners = partners;
    }

    List<Violation> validate(NoticeRequest r) {
        List<Violation> v = new ArrayList<>();
        required(v, "type", r.type());
        String partnerProblem = Texts.identifierProblem(r.partnerId(), MAX_PARTNER_ID);
        if (partnerProblem != null) {
            v.add(new Violation("partnerId", partnerProblem));
        } else if (partners.find(r.partnerId()).isEmpty()) {
            v.add(new Violation("partnerId", "unknown partner '" + r.partnerId() + "'"));
        }
        required(v, "urgency", r.urgency());
        required(v, "category", r.category());
        if (r.legalBasis() == null) {
            v.add(new Violation("legalBasis", "is required"));
        } else {
            check(v, "legalBasis.instrument", Texts.lineProblem(r.legalBasis().instrument(), 500));
            check(v, "legalBasis.article", Texts.lineProblem(r.legalBasis().article(), 200));
        }
        items(v, r.items());
        check(v, "statementOfReasons", Texts.textProblem(r.statementOfReasons(), MAX_REASONS));
        if (r.issuer() == null) {
            v.add(new Violation("issuer", "is required"));
        } else {
            check(v, "issuer.authority", Texts.lineProblem(r.issuer().authority(), 200));
            optional(
                    v,
                    "issuer.contact",
                    r.issuer().contact(),
                    Texts.lineProblem(r.issuer().contact(), 320));
        }
        evidence(v, r.evidence());
        if (r.type() == NoticeType.RESTORE && r.relatesTo() == null) {
            v.add(new Violation("relatesTo", "is required for RESTORE: the notice whose effect is undone"));
        }
        if (r.relatesTo() != null && !isNoticeId(r.relatesTo())) {
            v.add(new Violation("relatesTo", "must be a notice id"));
        }
        optional(v, "territorialScope", r.territorialScope(), Texts.lineProblem(r.territorialScope(), 200));
        optional(v, "redress", r.redress(), Texts.textProblem(r.redress(), MAX_REASON));
        return v;
    }

    /** Why is required for every withdrawal and abandonment: it goes on the record (and to the partner); who is the person signed in. */
    List<Violation> validateReason(String why) {
        List<Violation> v = new ArrayList<>();
        check(v, "reason", Texts.textProblem(why, MAX_REASON));
        return v;
    }

    static boolean isNoticeId(String id) {
        return Notice.ID.matcher(id).matches();
    }

    private static void items(List<Violation> v, List<Item> items) {
        if (items == null || items.isEmpty()) {
            v.add(new Violation("items", "at least one item is required"));
            return;
        }
        if (items.size() > MAX_ITEMS) {
            v.add(new Violation("items", "at most " + MAX_ITEMS + " items, found " + items.size()));
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            String at = "items[" + i + "]";
            Item item = items.get(i);
            if (item == null) {
                v.add(new Violation(at, "is required"));
                continue;
            }
            required(v, at + ".kind", item.kind());
            if (item.locator() == null || item.locator().isEmpty()) {
                v.add(new Violation(at + ".locator", "is required"));
            } else if (item.kind() != null) {
                check(v, at + ".locator", Locators.problem(item.kind(), item.locator()));
            }
            optional(v, at + ".note", item.note(), Texts.lineProblem(item.note(), MAX_NOTE));
        }
    }

    private static void evidence(List<Violation> v, List<Evidence> evidence) {
        if (evidence == null) {
            return;
        }
        if (evidence.size() > MAX_EVIDENCE) {
            v.add(new Violation("evidence", "at most " + MAX_EVIDENCE + " entries, found " + evidence.size()));
            return;
        }
        for (int i = 0; i < evidence.size(); i++) {
            String at = "evidence[" + i + "]";
            Evidence e = evidence.get(i);
            if (e == null) {
                v.add(new Violation(at, "is required"));
                continue;
            }
            if (e.sha256() == null || !Locators.isSha256(e.sha256())) {
                v.add(new Violation(at + ".sha256", "must be a SHA-256 as 64 hex digits"));
            }
            optional(v, at + ".description", e.description(), Texts.lineProblem(e.description(), MAX_NOTE));
        }
    }

    private static void required(List<Violation> v, String field, Object value) {
        if (value == null) {
            v.add(new Violation(field, "is required"));
        }
    }

    private static void check(List<Violation> v, String field, String problem) {
        if (problem != null) {
            v.add(new Violation(field, problem));
        }
    }

    /** An optional field may be left out, but if it is sent it obeys the same rules ("" is not a value). */
    private static void optional(List<Violation> v, String field, String value, String problem) {
        if (value != null) {
            check(v, field, problem);
        }
    }
}
