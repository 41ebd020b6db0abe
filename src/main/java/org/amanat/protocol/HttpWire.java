package org.amanat.protocol;

/**
 * The protocol over HTTP (docs/protocol.md): the content types of its bodies and the names of its headers, for the
 * gateway and the kit alike.
 */
public final class HttpWire {
    /** A sealed notice or status update: CMS AuthEnvelopedData. */
    public static final String ENVELOPED_CONTENT_TYPE = "application/pkcs7-mime; smime-type=authEnveloped-data";
    /** A signed receipt: CMS SignedData. */
    public static final String RECEIPT_CONTENT_TYPE = "application/pkcs7-mime; smime-type=signed-data";
    /** Which partner a status update says it is from; the listener checks it against the client certificate. */
    public static final String PARTNER_HEADER = "Amanat-Partner-Id";
    /** The notice a delivery carries, readable before the envelope is opened. */
    public static final String NOTICE_ID_HEADER = "Amanat-Notice-Id";
    /** A delivery's key: the notice id, the same on every attempt, so a partner can tell a resend. */
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    private HttpWire() {}
}
