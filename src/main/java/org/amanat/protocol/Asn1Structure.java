package org.amanat.protocol;

/**
 * A cheap walk over the tag-length structure of a BER or DER encoding, before Bouncy Castle parses
 * it. Bouncy Castle parses nested elements recursively, so a body of a few kilobytes nested a
 * hundred thousand levels deep overflows its stack; this walk is iterative, touches each header
 * once and reads no content. It refuses nesting deeper than {@link #MAX_DEPTH}, lengths that run
 * past their enclosing element, lengths of more than four bytes, primitive elements of indefinite
 * length, unterminated indefinite lengths and bytes after the one top-level element.
 */
final class Asn1Structure {
    /** Real CMS messages nest about 14 levels (a certificate's name inside SignedData); 32 leaves room. */
    static final int MAX_DEPTH = 32;

    private static final long INDEFINITE = -1;

    private Asn1Structure() {}

    /** @param what names the expected structure in the refusal, for example "CMS AuthEnvelopedData" */
    static void check(byte[] encoding, String what) {
        long[] ends = new long[MAX_DEPTH];
        int depth = 0;
        int pos = 0;
        boolean topLevelSeen = false;
        while (true) {
            while (depth > 0 && ends[depth - 1] != INDEFINITE && pos == ends[depth - 1]) {
                depth--;
            }
            if (depth == 0 && topLevelSeen) {
                if (pos != encoding.length) {
                    throw refused(what, "bytes after the end of the structure at offset " + pos);
                }
                return;
            }
            long limit = enclosingEnd(ends, depth, encoding.length);
            if (pos >= limit) {
                throw refused(what, "truncated at offset " + pos);
            }
            if (depth > 0 && ends[depth - 1] == INDEFINITE && encoding[pos] == 0) {
                if (pos + 2 > limit || encoding[pos + 1] != 0) {
                    throw refused(what, "malformed end-of-contents at offset " + pos);
                }
                pos += 2;
                depth--;
                continue;
            }
            topLevelSeen = true;
            int start = pos;
            boolean constructed = (encoding[pos] & 0x20) != 0;
            pos = skipTag(encoding, pos, what);
            if (pos >= encoding.length) {
                throw refused(what, "truncated at offset " + pos);
            }
            int first = encoding[pos++] & 0xff;
            long length;
            if (first < 0x80) {
                length = first;
            } else if (first == 0x80) {
                if (!constructed) {
                    throw refused(what, "primitive element of indefinite length at offset " + start);
                }
                length = INDEFINITE;
            } else {
                int count = first & 0x7f;
                if (count > 4) {
                    throw refused(what, "length of " + count + " bytes at offset " + start);
                }
                if (pos + count > encoding.length) {
                    throw refused(what, "truncated at offset " + pos);
                }
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | (encoding[pos++] & 0xff);
                }
            }
            if (length != INDEFINITE && pos + length > limit) {
                throw refused(what, "length at offset " + start + " runs past its enclosing element");
            }
            if (constructed) {
                if (depth == MAX_DEPTH) {
                    throw refused(what, "nested deeper than " + MAX_DEPTH + " levels at offset " + start);
                }
                ends[depth++] = length == INDEFINITE ? INDEFINITE : pos + length;
            } else {
                pos += (int) length;
            }
        }
    }

    /** High tag numbers take more bytes; more than four is no tag any real message uses. */
    private static int skipTag(byte[] encoding, int pos, String what) {
        if ((encoding[pos++] & 0x1f) != 0x1f) {
            return pos;
        }
        for (int i = 0; i < 4; i++) {
            if (pos >= encoding.length) {
                throw refused(what, "truncated at offset " + pos);
            }
            if ((encoding[pos++] & 0x80) == 0) {
                return pos;
            }
        }
        throw refused(what, "tag number too long at offset " + pos);
    }

    private static long enclosingEnd(long[] ends, int depth, int total) {
        for (int i = depth - 1; i >= 0; i--) {
            if (ends[i] != INDEFINITE) {
                return ends[i];
            }
        }
        return total;
    }

    private static MalformedMessageException refused(String what, String why) {
        return new MalformedMessageException("not " + what + ": " + why);
    }
}
