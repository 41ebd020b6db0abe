package org.amanat.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.Pki.Usage;

/**
 * Fresh keys for tests, made once per JVM: a CA, the ministry and two partners for each algorithm
 * profile. RSA-3072 generation takes about a second, so sharing them keeps the suite fast; RSA keys are also kept
 * in {@code target/test-keys/} for the next JVM (mutation testing starts dozens). Certificates are always made anew.
 */
public final class TestPki {
    public static final Instant NOW = Instant.now();
    private static final Path KEY_CACHE = Path.of("target", "test-keys");
    public static final SigningIdentity CA =
            Pki.ca(Pki.name("Test CA", null), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)));
    public static final SigningIdentity MINISTRY_TLS = issue("ministry-tls", KeyType.EC_P256, Usage.TLS_CLIENT);
    public static final SigningIdentity PARTNER_TLS = issue("partner-tls", KeyType.EC_P256, Usage.TLS_SERVER);

    private static final Map<KeyType, Party> MINISTRY = new EnumMap<>(KeyType.class);
    private static final Map<KeyType, Party> PARTNER = new EnumMap<>(KeyType.class);
    private static final Map<KeyType, Party> OTHER_PARTNER = new EnumMap<>(KeyType.class);
    private static final Map<String, SigningIdentity> PARTNER_CLIENTS = new java.util.HashMap<>();
    /** The gateway's TLS server identity on its partner listener. */
    public static final SigningIdentity GATEWAY_TLS = issue("gateway-tls", KeyType.EC_P256, Usage.TLS_SERVER);

    /** A signing and an encryption identity of one key type. */
    public record Party(SigningIdentity signing, SigningIdentity encryption) {}

    private TestPki() {}

    public static synchronized Party ministry(KeyType type) {
        return MINISTRY.computeIfAbsent(type, t -> party("ministry", t));
    }

    public static synchronized Party partner(KeyType type) {
        return PARTNER.computeIfAbsent(type, t -> party("partner", t));
    }

    public static synchronized Party otherPartner(KeyType type) {
        return OTHER_PARTNER.computeIfAbsent(type, t -> party("other-partner", t));
    }

    /** The TLS client certificate of the partner {@code partnerId}, one per partner id, as its profile names it. */
    public static synchronized SigningIdentity partnerClient(String partnerId) {
        return PARTNER_CLIENTS.computeIfAbsent(
                partnerId, id -> issue(id + "-client", KeyType.EC_P256, Usage.TLS_CLIENT));
    }

    private static Party party(String name, KeyType type) {
        return new Party(
                issue(name + "-signing", type, Usage.SIGNING), issue(name + "-encryption", type, Usage.ENCRYPTION));
    }

    public static SigningIdentity issue(String commonName, KeyType type, Usage usage) {
        return issue(
                commonName,
                keyPair(commonName, type),
                usage,
                NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(90)));
    }

    /** EC keys are made at once; an RSA key is read from the cache, or made and written there (atomically: JVMs run side by side). */
    private static KeyPair keyPair(String name, KeyType type) {
        if (type != KeyType.RSA_3072 && type != KeyType.RSA_2048) {
            return Pki.keyPair(type);
        }
        Path file = KEY_CACHE.resolve(name + "-" + type + ".pk8");
        try {
            if (Files.isRegularFile(file)) {
                KeyFactory rsa = KeyFactory.getInstance("RSA", Envelope.BC);
                var privateKey =
                        (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(file)));
                return new KeyPair(
                        rsa.generatePublic(
                                new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent())),
                        privateKey);
            }
            KeyPair keys = Pki.keyPair(type);
            Files.createDirectories(KEY_CACHE);
            Path written = Files.createTempFile(KEY_CACHE, name, ".tmp");
            Files.write(written, keys.getPrivate().getEncoded());
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return keys;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read or keep the test key " + file, e);
        }
    }

    public static SigningIdentity issue(
            String commonName, KeyPair keys, Usage usage, Instant notBefore, Instant notAfter) {
        return Pki.issue(CA, Pki.name(commonName, "Tests"), keys, usage, notBefore, notAfter);
    }

    /** As {@link #issue(String, KeyPair, Usage, Instant, Instant)}, signed with {@code signatureAlgorithm}, naming {@code hostNames}. */
    public static SigningIdentity issue(
            String commonName,
            KeyPair keys,
            Usage usage,
            Instant notBefore,
            Instant notAfter,
            String signatureAlgorithm,
            List<String> hostNames) {
        return Pki.issue(
                CA, Pki.name(commonName, "Tests"), keys, usage, notBefore, notAfter, signatureAlgorithm, hostNames);
    }

    /** A key pair of any size or named curve, weak ones included: the JDK no longer makes curves below P-256. */
    public static KeyPair keyPair(String algorithm, AlgorithmParameterSpec parameters) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm, Envelope.BC);
            generator.initialize(parameters);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate " + algorithm + " key", e);
        }
    }

    public static X509Certificate caCertificate() {
        return CA.certificate();
    }
}
