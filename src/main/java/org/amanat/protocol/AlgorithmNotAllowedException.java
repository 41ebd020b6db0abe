package org.amanat.protocol;

/** The message uses an algorithm the policy refuses; {@link #algorithm()} names it, for compliance findings. */
public final class AlgorithmNotAllowedException extends ProtocolException {
    private final String algorithm;

    public AlgorithmNotAllowedException(String message, String algorithm) {
        super(message);
        this.algorithm = algorithm;
    }

    /** A short name such as SHA-1, RSA-PKCS1v15, RSA-2048 or ECDSA-P224, else the algorithm's OID. */
    public String algorithm() {
        return algorithm;
    }

    @Override
    public Refusal kind() {
        return Refusal.ALGORITHM_REFUSED;
    }
}
