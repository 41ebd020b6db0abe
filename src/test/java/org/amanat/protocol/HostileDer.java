package org.amanat.protocol;

import java.io.ByteArrayOutputStream;

/** Bad-input fixtures for the CMS parsers, each named after its defect. */
public final class HostileDer {
    private HostileDer() {}

    /** SEQUENCE inside SEQUENCE, {@code depth} levels, indefinite lengths: four bytes a level. */
    public static byte[] nestedIndefinite(int depth) {
        byte[] body = new byte[depth * 4];
        for (int i = 0; i < depth; i++) {
            body[2 * i] = 0x30;
            body[2 * i + 1] = (byte) 0x80;
        }
        return body;
    }

    /** SEQUENCE inside SEQUENCE, {@code depth} levels, each with a four-byte definite length. */
    public static byte[] nestedDefinite(int depth) {
        byte[] body = new byte[depth * 6];
        for (int i = 0; i < depth; i++) {
            int length = body.length - (i + 1) * 6;
            int at = i * 6;
            body[at] = 0x30;
            body[at + 1] = (byte) 0x84;
            body[at + 2] = (byte) (length >>> 24);
            body[at + 3] = (byte) (length >>> 16);
            body[at + 4] = (byte) (length >>> 8);
            body[at + 5] = (byte) length;
        }
        return body;
    }

    /** A SEQUENCE that claims more content than follows it. */
    public static byte[] lengthPastTheEnd() {
        return new byte[] {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x02, 0x01, 0x00};
    }

    /** A SEQUENCE whose length takes nine bytes, more than a long holds. */
    public static byte[] lengthOverflow() {
        return new byte[] {0x30, (byte) 0x89, 1, 0, 0, 0, 0, 0, 0, 0, 0};
    }

    /** An indefinite-length SEQUENCE with no end-of-contents. */
    public static byte[] unterminatedIndefinite() {
        return new byte[] {0x30, (byte) 0x80, 0x02, 0x01, 0x00};
    }

    /** A valid encoding followed by more bytes. */
    public static byte[] trailing(byte[] valid) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(valid);
        out.writeBytes(new byte[] {0x05, 0x00});
        return out.toByteArray();
    }
}
