package org.amanat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.Pki;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.SigningIdentity;
import org.amanat.protocol.TestPki;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A gateway's files in a temporary folder, made from {@link TestPki}'s fresh keys: the ministry's
 * PKCS#12 files, the partners' certificates, and one profile per partner. No example keys, so the
 * gateway runs as in production (no demo profile).
 */
public final class TestGateway {
    public static final String PASSWORD = "test-password";
    /**
     * The users file: {@link Api}'s users, all with {@link Api#PASSWORD}, hashed at bcrypt's lowest cost (4) so that
     * signing in on every request costs the tests nothing; a site's file would use 12 or so.
     */
    private static final String USERS = users(Map.of(
            Api.OFFICER,
            "OFFICER",
            Api.OTHER_OFFICER,
            "OFFICER",
            Api.APPROVER,
            "APPROVER",
            Api.OTHER_APPROVER,
            "APPROVER",
            Api.OFFICER_APPROVER,
            "OFFICER, APPROVER",
            Api.COMPLIANCE,
            "COMPLIANCE",
            Api.ADMIN,
            "ADMIN",
            "admin-2",
            "ADMIN",
            Api.AUDITOR,
            "AUDITOR"));

    private final Path folder;
    private final Path profiles;
    private boolean partnerListener;

    public TestGateway() {
        try {
            folder = Files.createTempDirectory("amanat-it-");
            profiles = Files.createDirectories(folder.resolve("partner-configs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (AlgorithmProfile profile : AlgorithmProfile.values()) {
            KeyType type = keyType(profile);
            write(TestPki.ministry(type).signing(), "ministry-" + profile + "-signing.p12");
            write(TestPki.ministry(type).encryption(), "ministry-" + profile + "-encryption.p12");
            Pki.writePem(
                    TestPki.partner(type).signing().certificate(),
                    folder.resolve("partner-" + profile + "-signing.crt"));
            Pki.writePem(
                    TestPki.partner(type).encryption().certificate(),
                    folder.resolve("partner-" + profile + "-encryption.crt"));
        }
        write(TestPki.MINISTRY_TLS, "ministry-tls.p12");
        writeText(folder.resolve("users.yaml"), USERS);
        Pki.writePem(TestPki.caCertificate(), folder.resolve("ca.crt"));
        writeText(profiles.resolve("_defaults.yaml"), """
                tls:
                  mode: NONE
                connection:
                  connectTimeout: 1s
                  responseTimeout: 5s
                delivery:
                  immediateAttempts: 2
                  firstBackoff: 100ms
                  laterInterval: 30s
                  jitter: 0
                  flagAfterAttempts: 20
                  flagAfterAge: 2h
                resilience:
                  timeLimit: 3s
                  bulkhead: 4
                  circuitBreaker:
                    failureRateThreshold: 50
                    slowCallDurationThreshold: 2s
                    slowCallRateThreshold: 100
                    slidingWindowSize: 20
                    minimumNumberOfCalls: 20
                    waitInOpenState: 2s
                    permittedCallsInHalfOpenState: 1
                obligations:
                  ackWithin: 1h
                  actionWithin:
                    URGENT: 4h
                    STANDARD: 24h
                  tlsMinimum: TLSv1.2
                  certificateExpiryWarning: 30d
                receiveOnly:
                  rsaPkcs1v15Signatures: false
                  rsa2048: false
                  aes128Gcm: false
                  maxClockSkew: 5m
                """);
    }

    private static String users(Map<String, String> roles) {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        StringBuilder yaml = new StringBuilder("users:\n");
        new java.util.TreeMap<>(roles)
                .forEach((name, role) -> yaml.append("  - name: ")
                        .append(name)
                        .append("\n    passwordHash: '")
                        .append(bcrypt.encode(Api.PASSWORD))
                        .append("'\n    roles: [")
                        .append(role)
                        .append("]\n"));
        return yaml.toString();
    }

    public static KeyType keyType(AlgorithmProfile profile) {
        return profile == AlgorithmProfile.RSA ? KeyType.RSA_3072 : KeyType.EC_P256;
    }

    /** A partner whose keys are {@link TestPki#partner}'s of the profile's type. */
    public TestGateway partner(String id, String endpoint, AlgorithmProfile profile, String tlsMode) {
        return partner(id, endpoint, profile, tlsMode, "");
    }

    /** The same, with more YAML for the profile (for example tighter obligations). */
    public TestGateway partner(String id, String endpoint, AlgorithmProfile profile, String tlsMode, String moreYaml) {
        Path client = folder.resolve("partner-" + id + "-client.crt");
        Pki.writePem(TestPki.partnerClient(id).certificate(), client);
        writeText(
                profiles.resolve(id + ".yaml"),
                moreYaml
                        + """
                id: %s
                name: %s (test partner)
                endpoint: %s
                algorithmProfile: %s
                certificates:
                  signing: %s
                  encryption: %s
                tls:
                  mode: %s
                  trustedCa: %s
                  clientCertificate: %s
                  clientCa: %s
                """.formatted(
                                        id,
                                        id,
                                        endpoint,
                                        profile,
                                        folder.resolve("partner-" + profile + "-signing.crt"),
                                        folder.resolve("partner-" + profile + "-encryption.crt"),
                                        tlsMode,
                                        folder.resolve("ca.crt"),
                                        client,
                                        folder.resolve("ca.crt")));
        return this;
    }

    /**
     * Serve {@code /partner/**} on the partners' own HTTPS listener (any free port), which asks for the client
     * certificates of {@link TestPki#partnerClient}.
     */
    public TestGateway withPartnerListener() {
        write(TestPki.GATEWAY_TLS, "gateway-tls.p12");
        partnerListener = true;
        return this;
    }

    public Path profiles() {
        return profiles;
    }

    /** The settings a gateway needs to run on these files; the database is the caller's choice. */
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("amanat.config-dir", profiles.toString());
        properties.put("amanat.key-password", PASSWORD);
        for (AlgorithmProfile profile : AlgorithmProfile.values()) {
            properties.put(
                    "amanat.ministry-keys." + profile + ".signing",
                    folder.resolve("ministry-" + profile + "-signing.p12").toString());
            properties.put(
                    "amanat.ministry-keys." + profile + ".encryption",
                    folder.resolve("ministry-" + profile + "-encryption.p12").toString());
        }
        properties.put(
                "amanat.ministry-tls-client", folder.resolve("ministry-tls.p12").toString());
        // Production serves /partner/** on its own mutual-TLS listener. Tests that are about what the intake does with
        // a
        // message, not about how it arrives, send it over plain HTTP to the officers' port, authenticated by its
        // signature; PartnerListenerIT, DemoIT and the walkthrough go through the listener.
        properties.put("amanat.partner-listener.enabled", Boolean.toString(partnerListener));
        if (partnerListener) {
            properties.put("amanat.partner-listener.port", "0");
            properties.put(
                    "amanat.partner-listener.key-store",
                    folder.resolve("gateway-tls.p12").toString());
        }
        properties.put(
                "amanat.security.users-file", folder.resolve("users.yaml").toString());
        properties.put("amanat.delivery.poll-interval", "50");
        // The baseline notice (Api.validNotice) is URGENT, which the approval policy holds for a second person; tests
        // of
        // delivery, status and compliance want it sent at once. The approval tests turn the policy back on.
        properties.put("amanat.approval.enabled", "false");
        // Load, outage, crash and race tests issue and report flat out; they are not about rate limits, which
        // RateLimitIT sets low for itself. Production's limits are application.yml's.
        properties.put("amanat.rate-limits.officer.requests", "1000000");
        properties.put("amanat.rate-limits.partner.requests", "1000000");
        return properties;
    }

    public void register(DynamicPropertyRegistry registry) {
        properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    public Path folder() {
        return folder;
    }

    private void write(SigningIdentity identity, String name) {
        Pki.writePkcs12(identity, TestPki.caCertificate(), PASSWORD.toCharArray(), folder.resolve(name));
    }

    private static void writeText(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
