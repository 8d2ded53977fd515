package org.wirelog.model;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * One end of a connection as a log shows it: an IP address or (not yet resolved) hostname, a port,
 * and optionally who is behind it ({@code username%alice@10.0.0.1.1234}).
 *
 * @param address  the IP address, or null when only a hostname is known
 * @param hostname the name the client asked for, or null
 * @param port     0-65535
 * @param identity the authenticated user behind this endpoint, or null
 */
public record Endpoint(InetAddress address, String hostname, int port, Identity identity) {

    /** Dante's "ALLZEROES": 0.0.0.0 port 0, an endpoint that is not known or not set. */
    public static final Endpoint UNSET = new Endpoint(InetAddress.ofLiteral("0.0.0.0"), null, 0, null);

    /** "0." to "255.": an IPv4 address's bytes as a log line prints them, each followed by its dot. */
    private static final String[] OCTET_DOT = IntStream.range(0, 256).mapToObj(i -> i + ".").toArray(String[]::new);

    public Endpoint {
        if (address == null && hostname == null) throw new IllegalArgumentException("endpoint needs an address or a hostname");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
    }

    public static Endpoint of(InetAddress address, int port) {
        return new Endpoint(Objects.requireNonNull(address), null, port, null);
    }

    public static Endpoint of(InetSocketAddress socketAddress) {
        if (socketAddress.isUnresolved()) return unresolved(socketAddress.getHostString(), socketAddress.getPort());
        return of(socketAddress.getAddress(), socketAddress.getPort());
    }

    public static Endpoint unresolved(String hostname, int port) {
        return new Endpoint(null, Objects.requireNonNull(hostname), port, null);
    }

    public boolean isResolved() {
        return address != null;
    }

    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    public Endpoint withIdentity(Identity who) {
        return new Endpoint(address, hostname, port, who);
    }

    public Endpoint withAddress(InetAddress resolved) {
        return new Endpoint(resolved, hostname, port, identity);
    }

    public InetSocketAddress toSocketAddress() {
        return address != null ? new InetSocketAddress(address, port) : InetSocketAddress.createUnresolved(hostname, port);
    }

    /** The address as text: the IP without brackets or scope noise, else the hostname. */
    public String host() {
        if (address == null) return hostname;
        String text = address.getHostAddress();
        int scope = text.indexOf('%');
        if (scope >= 0) text = text.substring(0, scope);
        return address instanceof Inet6Address ? compressIpv6(text) : text;
    }

    /** Java prints 0:0:0:0:0:0:0:1; the field (and RFC 5952) prints ::1. */
    static String compressIpv6(String full) {
        String[] groups = full.split(":");
        int bestStart = -1, bestLength = 0;
        for (int i = 0; i < groups.length; ) {
            if (!groups[i].equals("0")) { i++; continue; }
            int j = i;
            while (j < groups.length && groups[j].equals("0")) j++;
            if (j - i > bestLength && j - i > 1) { bestStart = i; bestLength = j - i; }
            i = j;
        }
        if (bestStart < 0) return String.join(":", groups);
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }

    @Override
    public String toString() {
        return appendTo(new StringBuilder(24)).toString();
    }

    /**
     * Appends what {@link #toString()} returns without building that string first: a log line prints two to four
     * endpoints, and the log writer spent a sixth of its time making their strings. An IPv4 address is written
     * byte by byte, as {@link InetAddress#getHostAddress()} would write it.
     */
    public StringBuilder appendTo(StringBuilder out) {
        if (identity != null) out.append(identity).append('@');
        if (address instanceof Inet4Address v4) {
            byte[] b = v4.getAddress();
            // Each byte with the dot after it, from a table: five appends instead of nine.
            return out.append(OCTET_DOT[b[0] & 0xff]).append(OCTET_DOT[b[1] & 0xff]).append(OCTET_DOT[b[2] & 0xff])
                    .append(OCTET_DOT[b[3] & 0xff]).append(port);
        }
        return out.append(host()).append('.').append(port);
    }
}
