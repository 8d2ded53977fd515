package org.wirelog.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import org.wirelog.rules.HostMatch;
import org.wirelog.rules.PortMatch;
import org.wirelog.rules.RuleAddress;

/**
 * Parses the address of {@code from:}, {@code to:}, {@code internal:} and {@code external:}, with its optional port.
 *
 * <p>In rules an IP address needs a netmask ({@code 10.0.0.0/8}, {@code 10.0.0.0/255.0.0.0}, {@code ::1/128},
 * {@code 0/0}). A word starting with a dot is a domain; a word naming a network interface of this machine is that
 * interface's addresses; any other word is a hostname. That is how Dante tells them apart too, so a rule naming an
 * interface that does not exist here (yet) matches it as a hostname.
 */
final class AddressParser {

    private static final String IPV4 = "[0-9]{1,3}(\\.[0-9]{1,3}){3}";

    private final TokenCursor cursor;
    private final PortParser ports;

    AddressParser(TokenCursor cursor) {
        this.cursor = cursor;
        this.ports = new PortParser(cursor);
    }

    /** A rule's {@code from:} or {@code to:} value. */
    RuleAddress ruleAddress() throws ConfigException {
        Token address = addressWord();
        int slash = address.text().indexOf('/');
        HostMatch host = slash < 0 ? hostWithoutNetmask(address)
                : network(address, address.text().substring(0, slash), address.text().substring(slash + 1));
        PortMatch port = ports.portAhead() ? ports.port() : PortMatch.ANY;
        return new RuleAddress(host, port);
    }

    /** An {@code internal:} or {@code external:} value: an address or interface name, without netmask. */
    Listen listen(int defaultPort) throws ConfigException {
        Token address = addressWord();
        if (PortParser.startsPort(address)) {
            throw cursor.error(address, "an address or interface name is needed before \"port\"");
        }
        if (address.text().contains("/")) {
            throw cursor.error(address, "a netmask is not used here; give a single address or an interface name");
        }
        if (!ports.portAhead()) return new Listen(address.text(), defaultPort);
        Token portStart = cursor.peek();
        PortMatch port = ports.port();
        if (port.except() || port.low() != port.high()) {
            throw cursor.error(portStart, "a single port is needed here: \"port = N\"");
        }
        return new Listen(address.text(), port.low());
    }

    /** The address, with a netmask spaced apart ({@code 10.0.0.0 / 8}) joined onto it. */
    private Token addressWord() throws ConfigException {
        Token word = cursor.value();
        String text = word.text();
        while (cursor.nextOnSameLine() && (text.endsWith("/") || cursor.peek().text().startsWith("/"))) {
            text += cursor.next().text();
        }
        return new Token(text, word.line(), word.startsLine());
    }

    private HostMatch hostWithoutNetmask(Token address) throws ConfigException {
        String text = address.text();
        if (text.equals("0") || text.matches(IPV4) || text.contains(":")) {
            // Dante's grammar notices this once it has read the word after the address, and names that word.
            String family = text.contains(":") ? "IPv6" : "IPv4";
            throw cursor.errorAhead("No netmask has been specified for this " + family + " address, but a netmask "
                    + "must be specified in this context.  You can specify a netmask using the standard "
                    + "\"/ <netmask bits>\" syntax");
        }
        if (text.startsWith(".")) return new HostMatch.Domain(text);
        if (isLocalInterface(text)) return new HostMatch.Interface(text);
        return new HostMatch.HostName(text);
    }

    private HostMatch network(Token address, String ip, String netmask) throws ConfigException {
        if (ip.equals("0")) {
            // Dante's "0/0": any address of any family.
            if (!netmask.equals("0")) throw cursor.error(address, "bad netmask for 0: only 0/0 is allowed");
            return new HostMatch.Cidr(InetAddress.ofLiteral("0.0.0.0"), 0);
        }
        if (ip.matches(IPV4)) return new HostMatch.Cidr(ipv4(address, ip), ipv4Prefix(address, netmask));
        if (ip.contains(":")) return new HostMatch.Cidr(ipv6(address, ip), prefix(address, netmask, "IPv6", 128));
        throw cursor.error(address, TokenCursor.SYNTAX_ERROR + ": a netmask goes only with an IP address");
    }

    private InetAddress ipv4(Token address, String ip) throws ConfigException {
        try {
            return InetAddress.ofLiteral(ip);
        } catch (IllegalArgumentException e) {
            throw cursor.error(address, "bad IPv4 address: " + ip);
        }
    }

    private InetAddress ipv6(Token address, String ip) throws ConfigException {
        InetAddress parsed;
        try {
            parsed = InetAddress.ofLiteral(ip);
        } catch (IllegalArgumentException e) {
            throw cursor.error(address, "bad IPv6 address: " + ip);
        }
        if (parsed instanceof Inet4Address) {
            throw cursor.error(address, "we do not use IPv4-mapped IPv6 addresses.  Please specify a regular IPv4 "
                    + "address instead if you want use IPv4");
        }
        return parsed;
    }

    /** {@code /8} or {@code /255.0.0.0}. */
    private int ipv4Prefix(Token address, String netmask) throws ConfigException {
        if (!netmask.matches(IPV4)) return prefix(address, netmask, "IPv4", 32);
        int mask = 0;
        for (byte b : ipv4(address, netmask).getAddress()) mask = mask << 8 | (b & 0xff);
        int bits = Integer.bitCount(mask);
        // A usable mask is ones followed by zeros; 255.0.255.0 would match scattered addresses.
        if (mask != (bits == 0 ? 0 : -1 << (32 - bits))) {
            throw cursor.error(address, "netmask " + netmask + " is not supported: its one-bits are not contiguous");
        }
        return bits;
    }

    private int prefix(Token address, String netmask, String family, int maxBits) throws ConfigException {
        if (!netmask.matches("[0-9]{1,3}")) throw cursor.error(address, "bad " + family + " netmask: " + netmask);
        int bits = Integer.parseInt(netmask);
        if (bits > maxBits) {
            throw cursor.error(address, "bad " + family + " netmask: " + bits + ".  Legal range is 0 - " + maxBits);
        }
        return bits;
    }

    private static boolean isLocalInterface(String name) {
        try {
            return NetworkInterface.getByName(name) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
