package org.amanat.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import org.amanat.notice.NoticeRequest.Issuer;
import org.amanat.partner.Partner;
import org.amanat.partner.PartnerDirectory;
import org.amanat.partner.PartnerProfile;
import org.amanat.protocol.AlgorithmPolicy;
import org.amanat.protocol.Category;
import org.amanat.protocol.ItemKind;
import org.amanat.protocol.Notice.Evidence;
import org.amanat.protocol.Notice.Item;
import org.amanat.protocol.Notice.LegalBasis;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Urgency;
import org.amanat.protocol.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** From a valid baseline request, each test changes one thing and expects exactly that violation. */
class NoticeRequestValidatorTest {
    private static final PartnerProfile TUBE =
            new PartnerProfile("tube", "Tube", null, null, null, null, null, null, null, null, null);
    private final NoticeRequestValidator validator = new NoticeRequestValidator(
            new PartnerDirectory(List.of(new Partner(TUBE, null, null, null, AlgorithmPolicy.strict()))));

    private static final NoticeRequest BASELINE = new NoticeRequest(
            NoticeType.TAKEDOWN,
            "tube",
            Urgency.URGENT,
            Category.GAMBLING,
            new LegalBasis("MR5/2020", "Art. 14"),
            List.of(
                    new Item("https://casino.example/play", ItemKind.URL, null),
                    new Item("casino.example", ItemKind.DOMAIN, null),
                    new Item("@casino_official", ItemKind.ACCOUNT, null),
                    new Item("a".repeat(64), ItemKind.CONTENT_HASH, null)),
            "Unlicensed online gambling.",
            new Issuer("Ministry", null),
            List.of(new Evidence("b".repeat(64), "screenshot")),
            null,
            "ID",
            "Object within 7 days at redress.example");

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
        assertOnly(
                r -> new NoticeRequest(
                        r.type(),
                        r.partnerId(),
                        r.urgency(),
                        r.category(),
                        r.legalBasis(),
                        r.items(),
                        r.statementOfReasons(),
                        r.issuer(),
                        List.of(new Evidence("123", "x")),
                        r.relatesTo(),
                        r.territorialScope(),
                        r.redress()),
                "evidence[0].sha256");
    }

    @Test
    void refusesRestoreWithoutTheNoticeItUndoes() {
        assertOnly(
                r -> new NoticeRequest(
                        NoticeType.RESTORE,
                        r.partnerId(),
                        r.urgency(),
                        r.category(),
                        r.legalBasis(),
                        r.items(),
                        r.statementOfReasons(),
                        r.issuer(),
                        r.evidence(),
                        null,
                        r.territorialScope(),
                        r.redress()),
                "relatesTo");
    }

    @Test
    void refusesMissingAuthority() {
        // the officer is the person signed in, not a field: the authority is what the request must name
        assertOnly(r -> withIssuer(r, new Issuer(" ", null)), "issuer.authority");
    }

    @Test
    void refusesMissingStatementOfReasons() {
        assertOnly(
                r -> new NoticeRequest(
                        r.type(),
                        r.partnerId(),
                        r.urgency(),
                        r.category(),
                        r.legalBasis(),
                        r.items(),
                        null,
                        r.issuer(),
                        r.evidence(),
                        r.relatesTo(),
                        r.territorialScope(),
                        r.redress()),
                "statementOfReasons");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://casino.example/play\r\n",
                "\u0001https://casino.example/play",
                "https://casino.example/play\u0000",
                " https://casino.example/play",
                "https://casino.example/pl ay",
                "https://casino.example/\u202egnp.exe",
                "https://casino.example/\u200b",
                "https://cas\u0131no.example/"
            })
    void refusesUrlThatIsNotExactlyPrintableAscii(String url) {
        assertOnly(r -> withItem(r, new Item(url, ItemKind.URL, null)), "items[0].locator");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://user:secret@casino.example/",
                "https://casino.example@evil.example/",
                "http://127.0.0.1/",
                "http://127.1.2.3:8080/admin",
                "http://10.0.0.5/",
                "http://172.16.3.4/",
                "http://192.168.1.1/",
                "http://169.254.169.254/latest",
                "http://0.0.0.0/",
                "http://100.64.0.1/",
                "http://224.0.0.1/",
                "http://[::1]/",
                "http://[::]/",
                "http://[fe80::1]/",
                "http://[fd00::1]/",
                "http://[::ffff:127.0.0.1]/",
                "http://[::ffff:a00:1]/",
                "http://localhost/",
                "http://2130706433/",
                "http://0177.0.0.1/",
                "http://127.1/",
                "http://casino_example/"
            })
    void refusesUrlWithUserInfoOrAHostThatIsNotAPublicNameOrAddress(String url) {
        assertOnly(r -> withItem(r, new Item(url, ItemKind.URL, null)), "items[0].locator");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://casino.example/play?x=%0D%0A",
                "http://203.0.113.7/page",
                "https://[2001:db8::7]/page",
                "HTTPS://Casino.Example:8443/a/b?c=d#e",
                "https://xn--kasin-mva.example/"
            })
    void acceptsPublicUrls(String url) {
        assertThat(validator.validate(withItem(BASELINE, new Item(url, ItemKind.URL, null))))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"casino.example\n", " casino.example", "casino.example.", "localhost"})
    void refusesDomainThatIsNotExactlyADomainName(String domain) {
        assertOnly(r -> withItem(r, new Item(domain, ItemKind.DOMAIN, null)), "items[0].locator");
    }

    @Test
    void refusesContentHashWithTrailingSpace() {
        assertOnly(r -> withItem(r, new Item("a".repeat(64) + " ", ItemKind.CONTENT_HASH, null)), "items[0].locator");
    }

    @ParameterizedTest
    @ValueSource(strings = {"@casino official", "@casino\u0000", "@casino\u202e", "\u200b@casino", " ", ""})
    void refusesAccountLocatorThatIsNotAnIdentifier(String account) {
        assertOnly(r -> withItem(r, new Item(account, ItemKind.ACCOUNT, null)), "items[0].locator");
    }

    @Test
    void refusesAccountLocatorOverItsLimit() {
        assertOnly(
                r -> withItem(r, new Item("a".repeat(Locators.MAX_ACCOUNT + 1), ItemKind.ACCOUNT, null)),
                "items[0].locator");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\r", "\u001b[31m", "\u202e", "\u2066", "\u200b", "\ufeff", "\u2028", "\ud800"})
    void refusesHiddenCharactersInEveryTextField(String hidden) {
        String text = "Ordinary text" + hidden + " continues";
        assertOnly(r -> withLegalBasis(r, new LegalBasis(text, "Art. 14")), "legalBasis.instrument");
        assertOnly(r -> withLegalBasis(r, new LegalBasis("MR5/2020", text)), "legalBasis.article");
        assertOnly(r -> withReasons(r, text), "statementOfReasons");
        assertOnly(r -> withIssuer(r, new Issuer(text, null)), "issuer.authority");
        assertOnly(r -> withIssuer(r, new Issuer("Ministry", text)), "issuer.contact");
        assertOnly(r -> withItem(r, new Item("https://casino.example/", ItemKind.URL, text)), "items[0].note");
        assertOnly(r -> withEvidence(r, List.of(new Evidence("b".repeat(64), text))), "evidence[0].description");
        assertOnly(r -> withScopeAndRedress(r, text, r.redress()), "territorialScope");
        assertOnly(r -> withScopeAndRedress(r, r.territorialScope(), text), "redress");
    }

    @Test
    void multiLineTextsMayHoldLineFeedsAndTabsButOneLineTextsMayNot() {
        String lines = "First reason.\n\n\tSecond reason.";
        assertThat(validator.validate(withScopeAndRedress(withReasons(BASELINE, lines), "ID", lines)))
                .isEmpty();
        assertOnly(r -> withLegalBasis(r, new LegalBasis("MR5/2020\nArt. 1", "Art. 14")), "legalBasis.instrument");
    }

    @Test
    void refusesEveryFieldOverItsLimit() {
        assertOnly(r -> withPartner(r, "t".repeat(NoticeRequestValidator.MAX_PARTNER_ID + 1)), "partnerId");
        assertOnly(r -> withLegalBasis(r, new LegalBasis("i".repeat(501), "Art. 14")), "legalBasis.instrument");
        assertOnly(r -> withLegalBasis(r, new LegalBasis("MR5/2020", "a".repeat(201))), "legalBasis.article");
        assertOnly(r -> withReasons(r, "r".repeat(NoticeRequestValidator.MAX_REASONS + 1)), "statementOfReasons");
        assertOnly(r -> withIssuer(r, new Issuer("a".repeat(201), null)), "issuer.authority");
        assertOnly(r -> withIssuer(r, new Issuer("Ministry", "c".repeat(321))), "issuer.contact");
        assertOnly(
                r -> withItem(
                        r,
                        new Item(
                                "https://casino.example/",
                                ItemKind.URL,
                                "n".repeat(NoticeRequestValidator.MAX_NOTE + 1))),
                "items[0].note");
        assertOnly(
                r -> withItem(
                        r, new Item("https://casino.example/" + "p".repeat(Locators.MAX_URL), ItemKind.URL, null)),
                "items[0].locator");
        assertOnly(
                r -> withEvidence(
                        r, List.of(new Evidence("b".repeat(64), "d".repeat(NoticeRequestValidator.MAX_NOTE + 1)))),
                "evidence[0].description");
        assertOnly(
                r -> withEvidence(
                        r,
                        java.util.Collections.nCopies(
                                NoticeRequestValidator.MAX_EVIDENCE + 1, new Evidence("b".repeat(64), null))),
                "evidence");
        assertOnly(r -> withScopeAndRedress(r, "s".repeat(201), r.redress()), "territorialScope");
        assertOnly(
                r -> withScopeAndRedress(r, r.territorialScope(), "r".repeat(NoticeRequestValidator.MAX_REASON + 1)),
                "redress");
    }

    @Test
    void requiresEveryFieldOfTheLegalBasisAndTheAuthority() {
        assertOnly(r -> withLegalBasis(r, null), "legalBasis");
        assertOnly(r -> withLegalBasis(r, new LegalBasis(null, "Art. 14")), "legalBasis.instrument");
        assertOnly(r -> withLegalBasis(r, new LegalBasis("MR5/2020", null)), "legalBasis.article");
        assertOnly(r -> withIssuer(r, new Issuer(null, null)), "issuer.authority");
        assertOnly(r -> withIssuer(r, null), "issuer");
    }

    @Test
    void acceptsAThousandItemsAndRefusesOneMore() {
        Item item = new Item("https://casino.example/play", ItemKind.URL, null);

        assertThat(validator.validate(
                        withItems(BASELINE, java.util.Collections.nCopies(NoticeRequestValidator.MAX_ITEMS, item))))
                .isEmpty();
        assertThat(validator.validate(
                        withItems(BASELINE, java.util.Collections.nCopies(NoticeRequestValidator.MAX_ITEMS + 1, item))))
                .containsExactly(new Violation("items", "at most 1000 items, found 1001"));
    }

    @Test
    void acceptsAHundredEvidenceEntries() {
        assertThat(validator.validate(withEvidence(
                        BASELINE,
                        java.util.Collections.nCopies(
                                NoticeRequestValidator.MAX_EVIDENCE, new Evidence("b".repeat(64), null)))))
                .isEmpty();
        assertThat(validator.validate(withEvidence(
                        BASELINE,
                        java.util.Collections.nCopies(
                                NoticeRequestValidator.MAX_EVIDENCE + 1, new Evidence("b".repeat(64), null)))))
                .containsExactly(new Violation("evidence", "at most 100 entries, found 101"));
    }

    /** The other side of {@link #refusesEveryFieldOverItsLimit}: each field exactly at its limit passes. */
    @Test
    void acceptsEveryFieldAtItsLimit() {
        NoticeRequest atLimits = withScopeAndRedress(
                withEvidence(
                        withIssuer(
                                withReasons(
                                        withLegalBasis(
                                                withItems(
                                                        BASELINE,
                                                        List.of(
                                                                new Item(
                                                                        "https://casino.example/"
                                                                                + "p"
                                                                                        .repeat(Locators.MAX_URL
                                                                                                - "https://casino.example/"
                                                                                                        .length()),
                                                                        ItemKind.URL,
                                                                        "n".repeat(NoticeRequestValidator.MAX_NOTE)),
                                                                new Item(
                                                                        "a".repeat(Locators.MAX_ACCOUNT),
                                                                        ItemKind.ACCOUNT,
                                                                        null))),
                                                new LegalBasis("i".repeat(500), "a".repeat(200))),
                                        "r".repeat(NoticeRequestValidator.MAX_REASONS)),
                                new Issuer("a".repeat(200), "c".repeat(320))),
                        List.of(new Evidence("b".repeat(64), "d".repeat(NoticeRequestValidator.MAX_NOTE)))),
                "s".repeat(200),
                "r".repeat(NoticeRequestValidator.MAX_REASON));

        assertThat(validator.validate(atLimits)).isEmpty();
        assertThat(validator.validateReason("r".repeat(NoticeRequestValidator.MAX_REASON)))
                .isEmpty();
    }

    @Test
    void acceptsANoticeIdInRelatesTo() {
        assertThat(validator.validate(new NoticeRequest(
                        NoticeType.RESTORE,
                        "tube",
                        Urgency.URGENT,
                        Category.GAMBLING,
                        BASELINE.legalBasis(),
                        BASELINE.items(),
                        BASELINE.statementOfReasons(),
                        BASELINE.issuer(),
                        null,
                        "01a20000-0000-7000-8000-000000000001",
                        null,
                        null)))
                .isEmpty();
        assertOnly(
                r -> new NoticeRequest(
                        r.type(),
                        r.partnerId(),
                        r.urgency(),
                        r.category(),
                        r.legalBasis(),
                        r.items(),
                        r.statementOfReasons(),
                        r.issuer(),
                        r.evidence(),
                        "01A20000-0000-7000-8000-000000000001",
                        r.territorialScope(),
                        r.redress()),
                "relatesTo");
    }

    @Test
    void refusesANullItemOrEvidenceEntry() {
        assertOnly(r -> withItems(r, java.util.Arrays.asList(r.items().get(0), null)), "items[1]");
        assertOnly(r -> withEvidence(r, java.util.Arrays.asList((Evidence) null)), "evidence[0]");
        assertOnly(r -> withEvidence(r, List.of(new Evidence(null, "x"))), "evidence[0].sha256");
        assertOnly(r -> withItem(r, new Item(null, ItemKind.URL, null)), "items[0].locator");
    }

    /** Each URL rule says what is wrong in its own words. */
    @Test
    void namesWhatIsWrongWithAUrl() {
        assertThat(urlProblem("https://casino.example/" + "p".repeat(Locators.MAX_URL)))
                .isEqualTo("at most " + Locators.MAX_URL + " characters, found "
                        + (Locators.MAX_URL + "https://casino.example/".length()));
        assertThat(urlProblem("https://casino.example/pl ay"))
                .isEqualTo("must be printable ASCII without spaces (percent-encode the rest): U+0020 at index 25");
        assertThat(urlProblem("https://casino.example/\u007f"))
                .isEqualTo("must be printable ASCII without spaces (percent-encode the rest): U+007F at index 23");
        assertThat(urlProblem("https://casino.example/~!")).isNull();
        assertThat(urlProblem("https://casino.example/a|b")).startsWith("malformed URL: ");
        assertThat(urlProblem("ftp://casino.example/")).isEqualTo("must be an http or https URL");
        assertThat(urlProblem("https://user@casino.example/")).isEqualTo("must not carry user information (user@host)");
        assertThat(urlProblem("https:///path")).isEqualTo("URL has no host");
        assertThat(urlProblem("http://10.0.0.5/"))
                .isEqualTo("URL host must be a public address, not loopback, private, link-local or multicast");
        assertThat(urlProblem("http://localhost/")).isEqualTo("URL host is neither a domain name nor an IP address");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://0.1.2.3/",
                "http://100.64.0.1/",
                "http://100.127.255.255/",
                "http://224.0.0.1/",
                "http://255.255.255.255/"
            })
    void refusesTheEdgesOfTheNonPublicIpv4Ranges(String url) {
        assertThat(urlProblem(url)).startsWith("URL host must be a public address");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://1.0.0.1/",
                "http://100.63.255.255/",
                "http://100.128.0.1/",
                "http://99.64.0.1/",
                "http://223.255.255.254/"
            })
    void acceptsThePublicAddressesJustOutsideThem(String url) {
        assertThat(urlProblem(url)).isNull();
    }

    @Test
    void refusesAnIpv6LiteralWhoseZoneNamesNoInterfaceWithoutLookingAnythingUp() {
        assertThat(urlProblem("http://[2001:db8::1%nosuch]/")).startsWith("URL host must be a public address");
    }

    private String urlProblem(String url) {
        List<Violation> violations = validator.validate(withItem(BASELINE, new Item(url, ItemKind.URL, null)));
        assertThat(violations)
                .hasSizeLessThanOrEqualTo(1)
                .allMatch(v -> v.field().equals("items[0].locator"));
        return violations.isEmpty() ? null : violations.get(0).message();
    }

    @Test
    void refusesOptionalFieldsSentBlank() {
        assertOnly(r -> withIssuer(r, new Issuer("Ministry", "")), "issuer.contact");
        assertOnly(r -> withScopeAndRedress(r, " ", r.redress()), "territorialScope");
        assertOnly(
                r -> new NoticeRequest(
                        r.type(),
                        r.partnerId(),
                        r.urgency(),
                        r.category(),
                        r.legalBasis(),
                        r.items(),
                        r.statementOfReasons(),
                        r.issuer(),
                        r.evidence(),
                        "  ",
                        r.territorialScope(),
                        r.redress()),
                "relatesTo");
    }

    @Test
    void refusesPaddedTexts() {
        assertOnly(r -> withReasons(r, "Unlicensed online gambling.\r\n"), "statementOfReasons");
        assertOnly(r -> withIssuer(r, new Issuer("Ministry ", null)), "issuer.authority");
        assertOnly(r -> withPartner(r, "tube "), "partnerId");
    }

    @Test
    void withdrawalAndAbandonmentObeyTheLimitsOfIssuing() {
        assertThat(validator.validateReason("Court order lifted.\nSee file 12."))
                .isEmpty();
        assertThat(validator.validateReason(null)).extracting(Violation::field).containsExactly("reason");
        assertThat(validator.validateReason("r".repeat(NoticeRequestValidator.MAX_REASON + 1)))
                .extracting(Violation::field)
                .containsExactly("reason");
        assertThat(validator.validateReason("lifted\r\nInjected: header"))
                .extracting(Violation::field)
                .containsExactly("reason");
        assertThat(validator.validateReason("lifted \u202e"))
                .extracting(Violation::field)
                .containsExactly("reason");
    }

    @Test
    void collectsEveryViolationAtOnce() {
        var request =
                new NoticeRequest(null, "nobody", null, null, null, List.of(), null, null, null, null, null, null);

        assertThat(validator.validate(request))
                .extracting(Violation::field)
                .containsExactly(
                        "type",
                        "partnerId",
                        "urgency",
                        "category",
                        "legalBasis",
                        "items",
                        "statementOfReasons",
                        "issuer");
    }

    private void assertOnly(UnaryOperator<NoticeRequest> defect, String field) {
        assertThat(validator.validate(defect.apply(BASELINE)))
                .extracting(Violation::field)
                .containsExactly(field);
    }

    private static NoticeRequest withItem(NoticeRequest r, Item item) {
        return new NoticeRequest(
                r.type(),
                r.partnerId(),
                r.urgency(),
                r.category(),
                r.legalBasis(),
                List.of(item),
                r.statementOfReasons(),
                r.issuer(),
                r.evidence(),
                r.relatesTo(),
                r.territorialScope(),
                r.redress());
    }

    private static NoticeRequest withItems(NoticeRequest r, List<Item> items) {
        return new NoticeRequest(
                r.type(),
                r.partnerId(),
                r.urgency(),
                r.category(),
                r.legalBasis(),
                items,
                r.statementOfReasons(),
                r.issuer(),
                r.evidence(),
                r.relatesTo(),
                r.territorialScope(),
                r.redress());
    }

    private static NoticeRequest withPartner(NoticeRequest r, String partnerId) {
        return new NoticeRequest(
                r.type(),
                partnerId,
                r.urgency(),
                r.category(),
                r.legalBasis(),
                r.items(),
                r.statementOfReasons(),
                r.issuer(),
                r.evidence(),
                r.relatesTo(),
                r.territorialScope(),
                r.redress());
    }

    private static NoticeRequest withLegalBasis(NoticeRequest r, LegalBasis legalBasis) {
        return new NoticeRequest(
                r.type(),
                r.partnerId(),
                r.urgency(),
                r.category(),
                legalBasis,
                r.items(),
                r.statementOfReasons(),
                r.issuer(),
                r.evidence(),
                r.relatesTo(),
                r.territorialScope(),
                r.redress());
    }

    private static NoticeRequest withReasons(NoticeRequest r, String reasons) {
        return new NoticeRequest(
                r.type(),
                r.partnerId(),
                r.urgency(),
                r.category(),
                r.legalBasis(),
                r.items(),
                reasons,
                r.issuer(),
                r.evidence(),
                r.relatesTo(),
                r.territorialScope(),
                r.redress());
    }

    private static NoticeRequest withIssuer(NoticeRequest r, Issuer issuer) {
        return new NoticeRequest(
                r.type(),
                r.partnerId(),
                r.urgency(),
                r.category(),
                r.legalBasis(),
                r.items(),
                r.statementOfReasons(),
                issuer,
                r.evidence(),
                r.relatesTo(),
                r.territorialScope(),
                r.redress());
    }

    private static NoticeRequest withEvidence(NoticeRequest r, List<Evidence> evidence) {
        return new NoticeRequest(
                r.type(),
                r.partnerId(),
                r.urgency(),
                r.category(),
                r.legalBasis(),
                r.items(),
                r.statementOfReasons(),
                r.issuer(),
                evidence,
                r.relatesTo(),
                r.territorialScope(),
                r.redress());
    }

    private static NoticeRequest withScopeAndRedress(NoticeRequest r, String scope, String redress) {
        return new NoticeRequest(
                r.type(),
                r.partnerId(),
                r.urgency(),
                r.category(),
                r.legalBasis(),
                r.items(),
                r.statementOfReasons(),
                r.issuer(),
                r.evidence(),
                r.relatesTo(),
                scope,
                redress);
    }
}
