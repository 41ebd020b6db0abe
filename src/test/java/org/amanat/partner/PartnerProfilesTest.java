package org.amanat.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.amanat.protocol.AlgorithmPolicy;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.Pki;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.TestPki;
import org.amanat.protocol.Urgency;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Partner profiles from a valid baseline; each test changes one thing and expects that one problem, with file and field. */
class PartnerProfilesTest {
    @TempDir
    Path dir;

    private Path profiles;
    private String baseline;

    @BeforeEach
    void baseline() throws IOException {
        profiles = Files.createDirectories(dir.resolve("partner-configs"));
        Pki.writePem(TestPki.partner(KeyType.EC_P256).signing().certificate(), dir.resolve("signing.crt"));
        Pki.writePem(TestPki.partner(KeyType.EC_P256).encryption().certificate(), dir.resolve("encryption.crt"));
        Pki.writePem(TestPki.caCertificate(), dir.resolve("ca.crt"));
        Files.writeString(profiles.resolve("_defaults.yaml"), """
                tls:
                  mode: MUTUAL
                connection: {connectTimeout: 5s, responseTimeout: 30s}
                delivery: {immediateAttempts: 3, firstBackoff: 2s, laterInterval: 5m, jitter: 0.5, flagAfterAttempts: 20, flagAfterAge: 2h}
                resilience:
                  timeLimit: 20s
                  bulkhead: 4
                  circuitBreaker: {failureRateThreshold: 50, slowCallDurationThreshold: 10s, slowCallRateThreshold: 80,
                    slidingWindowSize: 20, minimumNumberOfCalls: 10, waitInOpenState: 30s, permittedCallsInHalfOpenState: 2}
                obligations:
                  ackWithin: 1h
                  actionWithin: {URGENT: 4h, STANDARD: 24h}
                  tlsMinimum: TLSv1.2
                  certificateExpiryWarning: 30d
                receiveOnly: {rsaPkcs1v15Signatures: false, rsa2048: false, aes128Gcm: false, maxClockSkew: 5m}
                """);
        baseline = """
                id: chirp
                name: Chirp
                endpoint: https://chirp.example/amanat/notices
                algorithmProfile: EC
                certificates:
                  signing: %s
                  encryption: %s
                tls:
                  trustedCa: %s
                obligations:
                  actionWithin:
                    URGENT: 2h
                """.formatted(dir.resolve("signing.crt"), dir.resolve("encryption.crt"), dir.resolve("ca.crt"));
    }

    @Test
    void loadsValidProfileLaidOverTheDefaults() throws IOException {
        write(baseline);

        Partner chirp = load().get("chirp");

        assertThat(chirp.profile().obligations().ackWithin()).isEqualTo(Duration.ofHours(1));
        assertThat(chirp.profile().obligations().actionWithin())
                .isEqualTo(Map.of(Urgency.URGENT, Duration.ofHours(2), Urgency.STANDARD, Duration.ofHours(24)));
        assertThat(chirp.profile().tls().mode()).isEqualTo(PartnerProfile.TlsMode.MUTUAL);
        assertThat(chirp.signingCertificate())
                .isEqualTo(TestPki.partner(KeyType.EC_P256).signing().certificate());
        assertThat(chirp.policy().maxClockSkew()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void refusesUnknownField() throws IOException {
        write(baseline + "colour: red\n");
        assertOneProblem("chirp.yaml: colour: ");
    }

    @Test
    void refusesPlainHttpEndpointUnlessTlsIsOff() throws IOException {
        write(baseline.replace("https://chirp.example", "http://chirp.example"));
        assertOneProblem("chirp.yaml: endpoint: must be an https URL when tls.mode is MUTUAL");
    }

    @Test
    void refusesCertificateThatDoesNotFitTheAlgorithmProfile() throws IOException {
        write(baseline.replace("algorithmProfile: EC", "algorithmProfile: RSA"));
        assertThatThrownBy(this::load)
                .isInstanceOf(ConfigurationProblemsException.class)
                .satisfies(e -> assertThat(((ConfigurationProblemsException) e).problems())
                        .allMatch(p -> p.contains(
                                "algorithm profile RSA needs an RSA key of at least 3072 bits, found EC-256"))
                        .anyMatch(p -> p.contains("chirp.yaml: certificates.signing"))
                        .anyMatch(p -> p.contains("chirp.yaml: certificates.encryption")));
    }

    @Test
    void refusesIdThatDoesNotMatchTheFileName() throws IOException {
        write(baseline.replace("id: chirp", "id: tweety"));
        assertOneProblem("chirp.yaml: id: 'tweety' must match the file name 'chirp'");
    }

    @Test
    void refusesMissingCertificateFile() throws IOException {
        write(baseline.replace(
                dir.resolve("signing.crt").toString(),
                dir.resolve("nowhere.crt").toString()));
        assertOneProblem("chirp.yaml: certificates.signing: cannot read");
    }

    @Test
    void refusesMalformedDurationNamingTheField() throws IOException {
        write(baseline.replace("URGENT: 2h", "URGENT: soon"));
        assertOneProblem("chirp.yaml: obligations.actionWithin.URGENT: ");
    }

    @Test
    void refusesTlsMinimumOlderThanTls12() throws IOException {
        write(baseline + "obligations: {tlsMinimum: TLSv1.1}\n");
        assertOneProblem("chirp.yaml: obligations.tlsMinimum: must be one of [TLSv1.2, TLSv1.3]");
    }

    @Test
    void refusesZeroBackoff() throws IOException {
        write(baseline + "delivery: {firstBackoff: 0s}\n");
        assertOneProblem("chirp.yaml: delivery.firstBackoff: must be a positive duration");
    }

    @Test
    void refusesExampleKeysOutsideTheDemoProfile() throws IOException {
        Path demoCert = Path.of("certs-example/partners/chirp/signing.crt").toAbsolutePath();
        write(baseline.replace(dir.resolve("signing.crt").toString(), demoCert.toString()));

        assertOneProblem(
                "chirp.yaml: certificates.signing: is an example key from certs-example/, refused outside the 'demo' profile");
        assertThat(load(true)
                        .get("chirp")
                        .signingCertificate()
                        .getSubjectX500Principal()
                        .getName())
                .contains("DEMO ONLY");
    }

    @Test
    void listsTheProblemsOfEveryFileAtOnce() throws IOException {
        write(baseline.replace("name: Chirp", "name: \"\""));
        Files.writeString(profiles.resolve("tube.yaml"), "id: tube\n");

        assertThatThrownBy(this::load)
                .isInstanceOf(ConfigurationProblemsException.class)
                .satisfies(e -> assertThat(((ConfigurationProblemsException) e).problems())
                        .anyMatch(p -> p.contains("chirp.yaml: name: is required"))
                        .anyMatch(p -> p.contains("tube.yaml: endpoint: is required"))
                        .anyMatch(p -> p.contains("tube.yaml: algorithmProfile: is required")));
    }

    @Test
    void loadsTheClientCertificateThatNamesThePartner() throws IOException {
        var clientCertificate = TestPki.issue("chirp-client", KeyType.EC_P256, Pki.Usage.TLS_CLIENT)
                .certificate();
        Pki.writePem(clientCertificate, dir.resolve("client.crt"));
        write(baseline.replace("tls:\n", "tls:\n  clientCertificate: " + dir.resolve("client.crt") + "\n"));

        PartnerDirectory directory = directory(false);

        assertThat(directory.get("chirp").clientCertificate()).isEqualTo(clientCertificate);
        assertThat(directory.byClientCertificate(clientCertificate))
                .map(Partner::id)
                .hasValue("chirp");
        assertThat(directory.byClientCertificate(TestPki.MINISTRY_TLS.certificate()))
                .isEmpty();
    }

    @Test
    void refusesAClientCertificateNotMeantForTlsClients() throws IOException {
        Pki.writePem(TestPki.PARTNER_TLS.certificate(), dir.resolve("server.crt"));
        write(baseline.replace("tls:\n", "tls:\n  clientCertificate: " + dir.resolve("server.crt") + "\n"));

        assertOneProblem("chirp.yaml: tls.clientCertificate: is not a TLS client certificate");
    }

    @Test
    void refusesAClientCaThatDidNotIssueTheClientCertificate() throws IOException {
        Pki.writePem(
                TestPki.issue("chirp-client", KeyType.EC_P256, Pki.Usage.TLS_CLIENT)
                        .certificate(),
                dir.resolve("client.crt"));
        Pki.writePem(TestPki.MINISTRY_TLS.certificate(), dir.resolve("not-a-ca.crt"));
        write(baseline.replace(
                "tls:\n",
                "tls:\n  clientCertificate: " + dir.resolve("client.crt") + "\n  clientCa: "
                        + dir.resolve("not-a-ca.crt") + "\n"));

        assertOneProblem("chirp.yaml: tls.clientCa: did not issue tls.clientCertificate");
    }

    @Test
    void acceptsAClientCaThatIssuedTheClientCertificate() throws IOException {
        var clientCertificate = TestPki.issue("chirp-client", KeyType.EC_P256, Pki.Usage.TLS_CLIENT)
                .certificate();
        Pki.writePem(clientCertificate, dir.resolve("client.crt"));
        Pki.writePem(TestPki.caCertificate(), dir.resolve("ca.crt"));
        write(baseline.replace(
                "tls:\n",
                "tls:\n  clientCertificate: " + dir.resolve("client.crt") + "\n  clientCa: " + dir.resolve("ca.crt")
                        + "\n"));

        assertThat(directory(false).get("chirp").clientCertificate()).isEqualTo(clientCertificate);
    }

    @Test
    void refusesAClientCaThatOnlyBearsTheIssuersNameButNotItsKey() throws IOException {
        Pki.writePem(
                TestPki.issue("chirp-client", KeyType.EC_P256, Pki.Usage.TLS_CLIENT)
                        .certificate(),
                dir.resolve("client.crt"));
        var impostor = Pki.ca(
                Pki.name("Test CA", null),
                TestPki.NOW.minus(Duration.ofDays(1)),
                TestPki.NOW.plus(Duration.ofDays(30)));
        assertThat(impostor.certificate().getSubjectX500Principal())
                .isEqualTo(TestPki.caCertificate().getSubjectX500Principal());
        Pki.writePem(impostor.certificate(), dir.resolve("impostor-ca.crt"));
        write(baseline.replace(
                "tls:\n",
                "tls:\n  clientCertificate: " + dir.resolve("client.crt") + "\n  clientCa: "
                        + dir.resolve("impostor-ca.crt") + "\n"));

        assertOneProblem("chirp.yaml: tls.clientCa: did not issue tls.clientCertificate");
    }

    @Test
    void refusesAClientCaWithoutAClientCertificate() throws IOException {
        Pki.writePem(TestPki.caCertificate(), dir.resolve("ca.crt"));
        write(baseline.replace("tls:\n", "tls:\n  clientCa: " + dir.resolve("ca.crt") + "\n"));

        assertOneProblem("chirp.yaml: tls.clientCa: is only for a tls.clientCertificate, which is not given");
    }

    @Test
    void refusesAClientCaWithTheIssuersKeyButAnotherName() throws IOException {
        Pki.writePem(
                TestPki.issue("chirp-client", KeyType.EC_P256, Pki.Usage.TLS_CLIENT)
                        .certificate(),
                dir.resolve("client.crt"));
        var sameKey = new java.security.KeyPair(TestPki.caCertificate().getPublicKey(), TestPki.CA.privateKey());
        var renamed = Pki.selfSigned(
                Pki.name("Renamed CA", null),
                sameKey,
                Pki.Usage.CA,
                TestPki.NOW.minus(Duration.ofDays(1)),
                TestPki.NOW.plus(Duration.ofDays(30)));
        Pki.writePem(renamed.certificate(), dir.resolve("renamed-ca.crt"));
        write(baseline.replace(
                "tls:\n",
                "tls:\n  clientCertificate: " + dir.resolve("client.crt") + "\n  clientCa: "
                        + dir.resolve("renamed-ca.crt") + "\n"));

        assertOneProblem("chirp.yaml: tls.clientCa: did not issue tls.clientCertificate");
    }

    @Test
    void refusesADurationThatIsNoDuration() throws IOException {
        write(baseline.replace("URGENT: 2h", "URGENT: soon"));

        assertOneProblem("not a duration (use 30s, 4h or PT4H)");
    }

    @Test
    void refusesOneClientCertificateForTwoPartners() throws IOException {
        Pki.writePem(
                TestPki.issue("shared-client", KeyType.EC_P256, Pki.Usage.TLS_CLIENT)
                        .certificate(),
                dir.resolve("client.crt"));
        String withClient =
                baseline.replace("tls:\n", "tls:\n  clientCertificate: " + dir.resolve("client.crt") + "\n");
        write(withClient);
        Files.writeString(
                profiles.resolve("tube.yaml"),
                withClient.replace("id: chirp", "id: tube").replace("name: Chirp", "name: Tube"));

        assertThatThrownBy(this::load)
                .isInstanceOf(ConfigurationProblemsException.class)
                .satisfies(e -> assertThat(((ConfigurationProblemsException) e).problems())
                        .anyMatch(p ->
                                p.contains("chirp.yaml: tls.clientCertificate: is also the client certificate of tube"))
                        .anyMatch(p ->
                                p.contains("tube.yaml: tls.clientCertificate: is also the client certificate of chirp"))
                        .hasSize(2));
    }

    /** Every resilience, delivery, connection, obligation and loosening setting: one value just past its rule, one problem. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            connection: {connectTimeout: 0s}                                | connection.connectTimeout: must be a positive duration
            connection: {responseTimeout: -1s}                              | connection.responseTimeout: must be a positive duration
            delivery: {immediateAttempts: 0}                                | delivery.immediateAttempts: must be at least 1
            delivery: {laterInterval: 0s}                                   | delivery.laterInterval: must be a positive duration
            delivery: {jitter: -0.01}                                       | delivery.jitter: must be at least 0 and below 1
            delivery: {jitter: 1}                                           | delivery.jitter: must be at least 0 and below 1
            delivery: {flagAfterAttempts: 0}                                | delivery.flagAfterAttempts: must be at least 1
            delivery: {flagAfterAge: 0s}                                    | delivery.flagAfterAge: must be a positive duration
            resilience: {timeLimit: 0s}                                     | resilience.timeLimit: must be a positive duration
            resilience: {bulkhead: 0}                                       | resilience.bulkhead: must be between 1 and 200
            resilience: {bulkhead: 201}                                     | resilience.bulkhead: must be between 1 and 200
            resilience: {circuitBreaker: null}                              | resilience: is required, with circuitBreaker
            resilience: {circuitBreaker: {failureRateThreshold: 0}}         | resilience.circuitBreaker.failureRateThreshold: must be a percentage from 1 to 100
            resilience: {circuitBreaker: {failureRateThreshold: 101}}       | resilience.circuitBreaker.failureRateThreshold: must be a percentage from 1 to 100
            resilience: {circuitBreaker: {slowCallRateThreshold: 0}}        | resilience.circuitBreaker.slowCallRateThreshold: must be a percentage from 1 to 100
            resilience: {circuitBreaker: {slowCallRateThreshold: 101}}      | resilience.circuitBreaker.slowCallRateThreshold: must be a percentage from 1 to 100
            resilience: {circuitBreaker: {slowCallDurationThreshold: 0s}}   | resilience.circuitBreaker.slowCallDurationThreshold: must be a positive duration
            resilience: {circuitBreaker: {waitInOpenState: 0s}}             | resilience.circuitBreaker.waitInOpenState: must be a positive duration
            resilience: {circuitBreaker: {slidingWindowSize: 0}}            | resilience.circuitBreaker: slidingWindowSize, minimumNumberOfCalls and permittedCallsInHalfOpenState must be at least 1
            resilience: {circuitBreaker: {minimumNumberOfCalls: 0}}         | resilience.circuitBreaker: slidingWindowSize, minimumNumberOfCalls and permittedCallsInHalfOpenState must be at least 1
            resilience: {circuitBreaker: {permittedCallsInHalfOpenState: 0}}| resilience.circuitBreaker: slidingWindowSize, minimumNumberOfCalls and permittedCallsInHalfOpenState must be at least 1
            receiveOnly: {maxClockSkew: 0s}                                 | receiveOnly.maxClockSkew: must be a positive duration
            receiveOnly: {maxClockSkew: 3601s}                              | receiveOnly.maxClockSkew: must be at most PT1H
            """)
    void refusesEachSettingJustPastItsRule(String setting, String problem) throws IOException {
        write(baseline + setting + "\n");

        assertOneProblem("chirp.yaml: " + problem);
    }

    /** The obligations are in the baseline already, so each is changed there rather than given a second time. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ackWithin: 0s                | obligations.ackWithin: must be a positive duration
            certificateExpiryWarning: 0s | obligations.certificateExpiryWarning: must be a positive duration
            STANDARD: -1h                | obligations.actionWithin.STANDARD: must be a positive duration
            URGENT: 0s                   | obligations.actionWithin.URGENT: must be a positive duration
            """)
    void refusesADeadlineThatIsNotAPositiveDuration(String setting, String problem) throws IOException {
        String profile = setting.startsWith("URGENT")
                ? baseline.replace("URGENT: 2h", setting)
                : setting.startsWith("STANDARD")
                        ? baseline.replace("    URGENT: 2h\n", "    URGENT: 2h\n    " + setting + "\n")
                        : baseline.replace("obligations:\n", "obligations:\n  " + setting + "\n");
        assertThat(profile).isNotEqualTo(baseline);

        write(profile);

        assertOneProblem("chirp.yaml: " + problem);
    }

    @Test
    void acceptsEachSettingAtTheEdgeOfItsRange() throws IOException {
        write(baseline + """
                delivery: {immediateAttempts: 1, jitter: 0, flagAfterAttempts: 1}
                resilience:
                  bulkhead: 200
                  circuitBreaker: {failureRateThreshold: 100, slowCallRateThreshold: 100, slidingWindowSize: 1, minimumNumberOfCalls: 1,
                    permittedCallsInHalfOpenState: 1}
                receiveOnly: {maxClockSkew: 1h}
                """);
        assertThat(load().get("chirp").policy().maxClockSkew()).isEqualTo(Duration.ofHours(1));

        write(baseline + """
                delivery: {jitter: 0.99}
                resilience:
                  bulkhead: 1
                  circuitBreaker: {failureRateThreshold: 1, slowCallRateThreshold: 1}
                """);
        assertThat(load().get("chirp").profile().resilience().bulkhead()).isEqualTo(1);
    }

    @Test
    void carriesEachReceiveOnlyLooseningIntoThePartnersPolicy() throws IOException {
        write(baseline
                + "receiveOnly: {rsaPkcs1v15Signatures: true, rsa2048: true, aes128Gcm: true, maxClockSkew: 10m}\n");

        assertThat(load().get("chirp").policy())
                .isEqualTo(new AlgorithmPolicy(true, true, true, Duration.ofMinutes(10)));
    }

    @Test
    void refusesAnHttpsEndpointWhenTlsIsOffAndNeedsNoTrustedCaThen() throws IOException {
        String plain = baseline.replace("tls:\n", "tls:\n  mode: NONE\n");
        write(plain);
        assertOneProblem("chirp.yaml: endpoint: must be an http URL when tls.mode is NONE");

        write(plain.replace("https://chirp.example", "http://chirp.example")
                .replace(
                        dir.resolve("ca.crt").toString(),
                        dir.resolve("nowhere.crt").toString()));
        assertThat(load().get("chirp").trustedCa()).isNull();
    }

    @Test
    void readsTheTrustedCaWhenTlsIsOnlyServerAuthenticated() throws IOException {
        write(baseline.replace("tls:\n", "tls:\n  mode: SERVER\n"));

        assertThat(load().get("chirp").trustedCa()).isEqualTo(TestPki.caCertificate());
    }

    @Test
    void readsOnlyYamlFilesAsProfiles() throws IOException {
        write(baseline);
        Files.writeString(profiles.resolve("tube.yml"), "id: tube\n");
        Files.writeString(profiles.resolve("chirp.yaml.bak"), "not: [a profile\n");
        Files.writeString(profiles.resolve("README.md"), "# partner profiles\n");

        assertThat(directory(false).all()).extracting(Partner::id).containsExactly("chirp");
    }

    @Test
    void letsAReceiveOnlyRsa2048LooseningAdmitA2048BitSigningKeyButNeverEncryptToOne() throws IOException {
        Pki.writePem(
                TestPki.issue("rsa-2048", KeyType.RSA_2048, org.amanat.protocol.Pki.Usage.SIGNING)
                        .certificate(),
                dir.resolve("signing.crt"));
        Pki.writePem(TestPki.partner(KeyType.RSA_3072).encryption().certificate(), dir.resolve("encryption.crt"));
        String rsa = baseline.replace("algorithmProfile: EC", "algorithmProfile: RSA");

        write(rsa);
        assertOneProblem(
                "chirp.yaml: certificates.signing: algorithm profile RSA needs an RSA key of at least 3072 bits, found RSA-2048");

        write(rsa + "receiveOnly: {rsa2048: true}\n");
        assertThat(load().get("chirp").signingCertificate().getPublicKey().getAlgorithm())
                .isEqualTo("RSA");

        Pki.writePem(
                TestPki.issue("rsa-2048", KeyType.RSA_2048, org.amanat.protocol.Pki.Usage.ENCRYPTION)
                        .certificate(),
                dir.resolve("encryption.crt"));
        Pki.writePem(TestPki.partner(KeyType.RSA_3072).signing().certificate(), dir.resolve("signing.crt"));
        write(rsa + "receiveOnly: {rsa2048: true}\n");
        assertOneProblem(
                "chirp.yaml: certificates.encryption: algorithm profile RSA needs an RSA key of at least 3072 bits, found RSA-2048");
    }

    @Test
    void theRsa2048LooseningDoesNotAdmitAnRsaKeyToTheEcProfile() throws IOException {
        Pki.writePem(TestPki.partner(KeyType.RSA_3072).signing().certificate(), dir.resolve("signing.crt"));

        write(baseline + "receiveOnly: {rsa2048: true}\n");

        assertOneProblem(
                "chirp.yaml: certificates.signing: algorithm profile EC needs an EC key on P-256 or P-384, found RSA-3072");
    }

    private void assertOneProblem(String expected) {
        assertThatThrownBy(this::load)
                .isInstanceOf(ConfigurationProblemsException.class)
                .satisfies(e -> assertThat(((ConfigurationProblemsException) e).problems())
                        .singleElement()
                        .asString()
                        .contains(expected));
    }

    private void write(String profile) throws IOException {
        Files.writeString(profiles.resolve("chirp.yaml"), profile);
    }

    private Map<String, Partner> load() {
        return load(false);
    }

    private Map<String, Partner> load(boolean demo) {
        return Map.of("chirp", directory(demo).get("chirp"));
    }

    private PartnerDirectory directory(boolean demo) {
        var ministryKeys = Map.of(
                AlgorithmProfile.EC,
                new PartnerSettings.KeyFiles(dir.resolve("unused.p12"), dir.resolve("unused.p12")),
                AlgorithmProfile.RSA,
                new PartnerSettings.KeyFiles(dir.resolve("unused.p12"), dir.resolve("unused.p12")));
        var settings = new PartnerSettings(profiles, ministryKeys, dir.resolve("unused.p12"), "unused");
        return new PartnerConfiguration().partnerDirectory(settings, new CertificateFiles(demo, Clock.systemUTC()));
    }
}
