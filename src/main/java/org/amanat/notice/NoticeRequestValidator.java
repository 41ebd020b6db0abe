package org.amanat.notice;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.amanat.partner.PartnerDirectory;
import org.amanat.protocol.Notice.Evidence;
import org.amanat.protocol.Notice.Item;
import org.amanat.protocol.NoticeType;
import org.amanat.web.Violation;
import org.springframework.stereotype.Component;

/** Checks an officer's request and collects every violation with its field path, in one pass. */
@Component
class NoticeRequestValidator {
    static final int MAX_ITEMS = 1000;
    private static final int MAX_LOCATOR = 2048;
    private static final int MAX_TEXT = 10_000;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final PartnerDirectory partners;

    NoticeRequestValidator(PartnerDirectory partners) {
        this.partners = partners;
    }

    List<Violation> validate(NoticeRequest r) {
        List<Violation> v = new ArrayList<>();
        required(v, "type", r.type());
        if (blank(r.partnerId())) {
            v.add(new Violation("partnerId", "is required"));
        } else if (partners.find(r.partnerId()).isEmpty()) {
            v.add(new Violation("partnerId", "unknown partner '" + r.partnerId() + "'"));
        }
        required(v, "urgency", r.urgency());
        required(v, "category", r.category());
        if (r.legalBasis() == null) {
            v.add(new Violation("legalBasis", "is required"));
        } else {
            text(v, "legalBasis.instrument", r.legalBasis().instrument(), 500);
            text(v, "legalBasis.article", r.legalBasis().article(), 200);
        }
        items(v, r.items());
        text(v, "statementOfReasons", r.statementOfReasons(), MAX_TEXT);
        if (r.issuer() == null) {
            v.add(new Violation("issuer", "is required"));
        } else {
            text(v, "issuer.authority", r.issuer().authority(), 200);
            text(v, "issuer.officerId", r.issuer().officerId(), 100);
        }
        evidence(v, r.evidence());
        if (r.type() == NoticeType.RESTORE && blank(r.relatesTo())) {
            v.add(new Violation("relatesTo", "is required for RESTORE: the notice whose effect is undone"));
        }
        if (!blank(r.relatesTo()) && !UUID.matcher(r.relatesTo()).matches()) {
            v.add(new Violation("relatesTo", "must be a notice id"));
        }
        return v;
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
            if (blank(item.locator())) {
                v.add(new Violation(at + ".locator", "is required"));
            } else if (item.locator().length() > MAX_LOCATOR) {
                v.add(new Violation(at + ".locator", "at most " + MAX_LOCATOR + " characters"));
            } else if (item.kind() != null) {
                String problem = locatorProblem(item);
                if (problem != null) {
                    v.add(new Violation(at + ".locator", problem));
                }
            }
        }
    }

    private static String locatorProblem(Item item) {
        String locator = item.locator().trim();
        return switch (item.kind()) {
            case URL -> urlProblem(locator);
            case DOMAIN -> DOMAIN.matcher(locator.toLowerCase(Locale.ROOT)).matches() ? null : "not a domain name";
            case CONTENT_HASH -> SHA256_HEX.matcher(locator).matches() ? null : "must be a SHA-256 as 64 hex digits";
            case ACCOUNT -> null;
        };
    }

    private static String urlProblem(String locator) {
        try {
            URI uri = new URI(locator);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                return "must be an http or https URL";
            }
            return uri.getHost() == null ? "URL has no host" : null;
        } catch (URISyntaxException e) {
            return "malformed URL: " + e.getReason();
        }
    }

    private static void evidence(List<Violation> v, List<Evidence> evidence) {
        if (evidence == null) {
            return;
        }
        for (int i = 0; i < evidence.size(); i++) {
            Evidence e = evidence.get(i);
            if (e == null || e.sha256() == null || !SHA256_HEX.matcher(e.sha256()).matches()) {
                v.add(new Violation("evidence[" + i + "].sha256", "must be a SHA-256 as 64 hex digits"));
            }
        }
    }

    private static void required(List<Violation> v, String field, Object value) {
        if (value == null) {
            v.add(new Violation(field, "is required"));
        }
    }

    private static void text(List<Violation> v, String field, String value, int max) {
        if (blank(value)) {
            v.add(new Violation(field, "is required"));
        } else if (value.length() > max) {
            v.add(new Violation(field, "at most " + max + " characters"));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
