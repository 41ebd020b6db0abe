package org.amanat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import org.amanat.protocol.AlgorithmPolicy;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.Digests;
import org.amanat.protocol.Disposition;
import org.amanat.protocol.Envelope;
import org.amanat.protocol.HttpWire;
import org.amanat.protocol.Notice;
import org.amanat.protocol.OpenedNotice;
import org.amanat.protocol.PartnerKit;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.ProtocolJson;
import org.amanat.protocol.Receipt;
import org.amanat.protocol.Receipts;
import org.amanat.protocol.SigningIdentity;
import org.amanat.protocol.TestPki;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A WireMock response transformer that plays a platform with real crypto: it opens the sealed notice
 * with the partner's keys and answers with a receipt, honest or defective as the stub asks
 * ({@code mode}: VALID, DUPLICATE, OTHER_SIGNER, WRONG_DIGEST, WRONG_NOTICE, NOT_CMS, EMPTY, TRUNCATED,
 * UNSIGNED, SHA1: an honest receipt signed with SHA-1, which the policy refuses).
 */
public final class PartnerSimulator implements ResponseDefinitionTransformerV2 {
    public static final String NAME = "amanat-partner";

    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private final Clock clock;

    public PartnerSimulator() {
        this(Clock.systemUTC());
    }

    /** A platform whose clock is the test's, for gateways whose time a test moves. */
    public PartnerSimulator(Clock clock) {
        this.clock = clock;
    }

    /** A stub answer that this simulator turns into the platform's receipt. */
    public static ResponseDefinitionBuilder receipt(String partnerId, String profile, String mode) {
        return WireMock.aResponse()
                .withTransformers(NAME)
                .withTransformerParameter("partner", partnerId)
                .withTransformerParameter("profile", profile)
                .withTransformerParameter("mode", mode);
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Parameters parameters = event.getResponseDefinition().getTransformerParameters();
        String partnerId = parameters.getString("partner");
        KeyType type = TestGateway.keyType(AlgorithmProfile.valueOf(parameters.getString("profile")));
        String mode = parameters.getString("mode");
        var partner = TestPki.partner(type);
        var kit = new PartnerKit(
                partnerId,
                partner.signing(),
                partner.encryption(),
                TestPki.ministry(type).signing().certificate(),
                AlgorithmPolicy.strict(),
                clock);
        OpenedNotice opened = kit.open(event.getRequest().getBody());
        byte[] body = switch (mode) {
            case "VALID" ->
                kit.receipt(
                        opened, Disposition.RECEIVED, "ref-" + opened.notice().noticeId());
            case "OTHER_SIGNER" ->
                sign(
                        receipt(opened.notice().noticeId(), opened.digest()),
                        TestPki.otherPartner(type).signing());
            case "WRONG_DIGEST" ->
                sign(receipt(opened.notice().noticeId(), Digests.sha256Base64(new byte[] {1})), partner.signing());
            case "WRONG_NOTICE" ->
                sign(receipt("01a00000-0000-7000-8000-000000000000", opened.digest()), partner.signing());
            case "DUPLICATE" ->
                kit.receipt(
                        opened, Disposition.DUPLICATE, "ref-" + opened.notice().noticeId());
            case "NOT_CMS" -> "thank you".getBytes(StandardCharsets.UTF_8);
            case "EMPTY" -> new byte[0];
            case "TRUNCATED" -> Arrays.copyOf(kit.receipt(opened, Disposition.RECEIVED, "ref"), 200);
            case "UNSIGNED" -> ProtocolJson.write(receipt(opened.notice().noticeId(), opened.digest()));
            case "SHA1" -> signWithSha1(receipt(opened.notice().noticeId(), opened.digest()), partner.signing());
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        };
        // like(): keeps what the stub says beyond the body, such as a delay
        return ResponseDefinitionBuilder.like(event.getResponseDefinition())
                .but()
                .withStatus(200)
                .withHeader("Content-Type", HttpWire.RECEIPT_CONTENT_TYPE)
                .withBody(body)
                .build();
    }

    private Receipt receipt(String noticeId, String digest) {
        return new Receipt(Notice.PROTOCOL, noticeId, clock.instant(), digest, Disposition.RECEIVED, "ref");
    }

    private byte[] sign(Receipt receipt, SigningIdentity signer) {
        return new Receipts(new Envelope(clock)).sign(receipt, signer);
    }

    /** A receipt as a platform with an outdated library would sign it: CMS SignedData with SHA-1. */
    private static byte[] signWithSha1(Receipt receipt, SigningIdentity signer) {
        try {
            String algorithm = signer.privateKey().getAlgorithm().equals("RSA") ? "SHA1withRSA" : "SHA1withECDSA";
            ContentSigner contentSigner =
                    new JcaContentSignerBuilder(algorithm).setProvider(BC).build(signer.privateKey());
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder()
                            .setProvider(BC)
                            .build())
                    .build(contentSigner, signer.certificate()));
            generator.addCertificate(new JcaX509CertificateHolder(signer.certificate()));
            return generator
                    .generate(new CMSProcessableByteArray(ProtocolJson.write(receipt)), true)
                    .getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a SHA-1 receipt", e);
        }
    }
}
