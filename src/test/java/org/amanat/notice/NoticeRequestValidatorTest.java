package org.amanat.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import org.amanat.partner.Partner;
import org.amanat.partner.PartnerDirectory;
import org.amanat.partner.PartnerProfile;
import org.amanat.protocol.AlgorithmPolicy;
import org.amanat.protocol.Category;
import org.amanat.protocol.ItemKind;
import org.amanat.protocol.Notice.Evidence;
import org.amanat.protocol.Notice.Issuer;
import org.amanat.protocol.Notice.Item;
import org.amanat.protocol.Notice.LegalBasis;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Urgency;
import org.amanat.web.Violation;
import org.junit.jupiter.api.Test;

/** From a valid baseline request, each test changes one thing and expects exactly that violation. */
class NoticeRequestValidatorTest {
    private static final PartnerProfile TUBE = new PartnerProfile("tube", "Tube", null, null, null, null, null, null, null, null, null);
    private final NoticeRequestValidator validator = new NoticeRequestValidator(
            new PartnerDirectory(List.of(new Partner(TUBE, null, null, null, AlgorithmPolicy.strict()))));

    private static final NoticeRequest BASELINE = new NoticeRequest(NoticeType.TAKEDOWN, "tube", Urgency.URGENT, Category.GAMBLING,
            new LegalBasis("MR5/2020", "Art. 14"),
            List.of(new Item("https://casino.example/play", ItemKind.URL, null), new Item("casino.example", ItemKind.DOMAIN, null),
                    new Item("@casino_official", ItemKind.ACCOUNT, null),
                    new Item("a".repeat(64), ItemKind.CONTENT_HASH, null)),
            "Unlicensed online gambling.", new Issuer("Ministry", "officer-1", null),
            List.of(new Evidence("b".repeat(64), "screenshot")), null, "ID", "Object within 7 days at redress.example");

    @Test
    void acceptsTheBaseline() {
        assertThat(validator.validate(BASELINE)).isEmpty();
    }

    @Test
    void refusesDomainLocatorThatIsNotADomain() {
        assertOnly(r -> withItem(r, new Item("not a domain", ItemKind.DOMAIN, null)), "items[0].locator");
    }

    @Test
    void refusesContentHashThatIsNotSha256() {
        assertOnly(r -> withItem(r, new Item("abc", ItemKind.CONTENT_HASH, null)), "items[0].locator");
    }

    @Test
    void refusesUrlWithoutHost() {
        assertOnly(r -> withItem(r, new Item("https:///path", ItemKind.URL, null)), "items[0].locator");
    }

    @Test
    void refusesItemWithoutKind() {
        assertOnly(r -> withItem(r, new Item("https://casino.example/", null, null)), "items[0].kind");
    }

    @Test
    void refusesEvidenceWithoutSha256() {
        assertOnly(r -> new NoticeRequest(r.type(), r.partnerId(), r.urgency(), r.category(), r.legalBasis(), r.items(),
                r.statementOfReasons(), r.issuer(), List.of(new Evidence("123", "x")), r.relatesTo(), r.territorialScope(),
                r.redress()), "evidence[0].sha256");
    }

    @Test
    void refusesRestoreWithoutTheNoticeItUndoes() {
        assertOnly(r -> new NoticeRequest(NoticeType.RESTORE, r.partnerId(), r.urgency(), r.category(), r.legalBasis(), r.items(),
                r.statementOfReasons(), r.issuer(), r.evidence(), null, r.territorialScope(), r.redress()), "relatesTo");
    }

    @Test
    void refusesMissingOfficer() {
        assertOnly(r -> new NoticeRequest(r.type(), r.partnerId(), r.urgency(), r.category(), r.legalBasis(), r.items(),
                r.statementOfReasons(), new Issuer("Ministry", " ", null), r.evidence(), r.relatesTo(), r.territorialScope(),
                r.redress()), "issuer.officerId");
    }

    @Test
    void refusesMissingStatementOfReasons() {
        assertOnly(r -> new NoticeRequest(r.type(), r.partnerId(), r.urgency(), r.category(), r.legalBasis(), r.items(),
                null, r.issuer(), r.evidence(), r.relatesTo(), r.territorialScope(), r.redress()), "statementOfReasons");
    }

    @Test
    void collectsEveryViolationAtOnce() {
        var request = new NoticeRequest(null, "nobody", null, null, null, List.of(), null, null, null, null, null, null);

        assertThat(validator.validate(request)).extracting(Violation::field).containsExactly(
                "type", "partnerId", "urgency", "category", "legalBasis", "items", "statementOfReasons", "issuer");
    }

    private void assertOnly(UnaryOperator<NoticeRequest> defect, String field) {
        assertThat(validator.validate(defect.apply(BASELINE))).extracting(Violation::field).containsExactly(field);
    }

    private static NoticeRequest withItem(NoticeRequest r, Item item) {
        return new NoticeRequest(r.type(), r.partnerId(), r.urgency(), r.category(), r.legalBasis(), List.of(item),
                r.statementOfReasons(), r.issuer(), r.evidence(), r.relatesTo(), r.territorialScope(), r.redress());
    }
}
