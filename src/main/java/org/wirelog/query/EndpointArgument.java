package org.wirelog.query;

import java.net.InetAddress;

/**
 * The endpoint asked about: {@code IP}, {@code IP:PORT}, {@code [IPv6]:PORT} or a bare IPv6 address.
 *
 * @param port the port, or null for any port of the address
 */
public record EndpointArgument(InetAddress address, Integer port) {

    /** @throws IllegalArgumentException when the text is no IP address with an optional port */
    public static EndpointArgument parse(String text) {
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) throw new IllegalArgumentException("missing ] in " + text);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) throw new IllegalArgumentException("expected :PORT after ] in " + text);
            return new EndpointArgument(InetAddress.ofLiteral(text.substring(1, close)), rest.isEmpty() ? null : port(rest.substring(1)));
        }
        int colon = text.indexOf(':');
        if (colon >= 0 && colon == text.lastIndexOf(':')) {
            return new EndpointArgument(InetAddress.ofLiteral(text.substring(0, colon)), port(text.substring(colon + 1)));
        }
        return new EndpointArgument(InetAddress.ofLiteral(text), null);
    }

    private static int port(String text) {
        int port = Integer.parseInt(text);
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + text);
        return port;
    }

    @Override
    public String toString() {
        String host = address.getHostAddress();
        if (port == null) return host;
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
