package org.amanat.notice;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.amanat.protocol.ItemKind;
import org.amanat.protocol.Texts;

/** Each kind of item locator by its own rule, applied to the locator exactly as it will be stored and sent. */
final class Locators {
    static final int MAX_URL = 2048;
    static final int MAX_ACCOUNT = 256;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern DOMAIN =
            Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");

    private Locators() {}

    /** @return null when the locator is acceptable for its kind, else what is wrong */
    static String problem(ItemKind kind, String locator) {
        return switch (kind) {
            case URL -> urlProblem(locator);
            case DOMAIN -> isDomain(locator) ? null : "not a domain name";
            case CONTENT_HASH -> isSha256(locator) ? null : "must be a SHA-256 as 64 hex digits";
            case ACCOUNT -> Texts.identifierProblem(locator, MAX_ACCOUNT);
        };
    }

    static boolean isSha256(String text) {
        return SHA256_HEX.matcher(text).matches();
    }

    private static boolean isDomain(String name) {
        return DOMAIN.matcher(name.toLowerCase(Locale.ROOT)).matches();
    }

    /**
     * An absolute http(s) URL of printable ASCII (anything else percent-encoded, host names in punycode), without
     * user information, whose host is a domain name or a public IP address.
     */
    private static String urlProblem(String locator) {
        if (locator.length() > MAX_URL) {
            return "at most " + MAX_URL + " characters, found " + locator.length();
        }
        for (int i = 0; i < locator.length(); i++) {
            char c = locator.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return "must be printable ASCII without spaces (percent-encode the rest): U+%04X at index %d"
                        .formatted((int) c, i);
            }
        }
        URI uri;
        try {
            uri = new URI(locator);
        } catch (URISyntaxException e) {
            return "malformed URL: " + e.getReason();
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            return "must be an http or https URL";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not carry user information (user@host)";
        }
        String host = uri.getHost();
        if (host == null) {
            return "URL has no host";
        }
        if (host.startsWith("[") || IPV4.matcher(host).matches()) {
            return isPublic(host)
                    ? null
                    : "URL host must be a public address, not loopback, private, link-local or multicast";
        }
        return isDomain(host) ? null : "URL host is neither a domain name nor an IP address";
    }

    /** For an IP literal only, so no name is ever looked up. */
    private static boolean isPublic(String literal) {
        InetAddress address;
        try {
            address = InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return false;
        }
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            boolean sharedOrThisNetwork = first == 0 || (first == 100 && second >= 64 && second < 128);
            return !sharedOrThisNetwork && first < 224;
        }
        Inet6Address v6 = (Inet6Address) address;
        boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
        return !uniqueLocal && !v6.isIPv4CompatibleAddress();
    }
}
