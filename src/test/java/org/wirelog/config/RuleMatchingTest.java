package org.wirelog.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wirelog.config.Configs.parse;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.wirelog.model.Command;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Protocol;
import org.wirelog.rules.AuthMethod;
import org.wirelog.rules.Request;
import org.wirelog.rules.Rule;
import org.wirelog.rules.RuleSet;

/**
 * Parsed rules matched against real requests: what wirelog decides is what the config says. Hostname cases use
 * names given by the client (unresolved endpoints) or localhost, so no test needs DNS.
 */
class RuleMatchingTest {

    private static final Endpoint PROXY = endpoint("127.0.0.1", 1080);

    @Test
    void corpusRuleNumberingPicksTheFirstMatchingRule() throws ConfigException {
        RuleSet rules = parse(
                "client block { from: 10.0.0.0/8 to: 0.0.0.0/0 }",
                "client pass { from: 127.0.0.1/32 to: 0.0.0.0/0 }",
                "socks block { from: 10.0.0.0/8 to: 0.0.0.0/0 }",
                "socks block { from: 192.168.0.0/16 to: 0.0.0.0/0 }",
                "socks block { from: 127.0.0.1/32 to: 127.0.0.1/32 port = 10899 }",
                "socks pass { from: 127.0.0.1/32 to: 0.0.0.0/0 }").rules();

        assertThat(clientVerdict(rules, endpoint("127.0.0.1", 40000))).isEqualTo("pass(2)");
        assertThat(clientVerdict(rules, endpoint("10.1.2.3", 40000))).isEqualTo("block(1)");
        assertThat(clientVerdict(rules, endpoint("127.0.0.2", 40000))).isEqualTo("none");
        assertThat(socksVerdict(rules, connect("127.0.0.1", "127.0.0.1", 10810))).isEqualTo("pass(4)");
        assertThat(socksVerdict(rules, connect("127.0.0.1", "127.0.0.1", 10899))).isEqualTo("block(3)");
        assertThat(socksVerdict(rules, connect("192.168.7.7", "127.0.0.1", 10810))).isEqualTo("block(2)");
        assertThat(socksVerdict(rules, connect("127.0.0.2", "127.0.0.1", 10810))).isEqualTo("none");
    }

    @Test
    void cidrsIncludingZeroAndIpv6() throws ConfigException {
        RuleSet rules = parse(
                "socks pass { from: 192.168.1.128/255.255.255.128 to: 0/0 }",
                "socks pass { from: ::1/128 to: 0/0 }",
                "socks pass { from: 2001:db8::/32 to: 0/0 }",
                "socks block { from: 0/0 to: 0/0 }").rules();

        assertThat(socksVerdict(rules, connect("192.168.1.200", "192.0.2.1", 80))).isEqualTo("pass(1)");
        assertThat(socksVerdict(rules, connect("192.168.1.127", "192.0.2.1", 80))).isEqualTo("block(4)");
        assertThat(socksVerdict(rules, connect("::1", "192.0.2.1", 80))).isEqualTo("pass(2)");
        assertThat(socksVerdict(rules, connect("2001:db8:ffff::9", "192.0.2.1", 80))).isEqualTo("pass(3)");
        assertThat(socksVerdict(rules, connect("2001:db9::9", "192.0.2.1", 80))).isEqualTo("block(4)");
        assertThat(socksVerdict(rules, connectToName("10.0.0.1", "anything.example", 443))).isEqualTo("block(4)");
    }

    @Test
    void portOperators() throws ConfigException {
        RuleSet rules = parse(
                "socks pass { from: 0/0 to: 0/0 port = 80 }",
                "socks pass { from: 0/0 to: 0/0 port ge 8000 }",
                "socks pass { from: 0/0 to: 0/0 port 1000 - 1999 }",
                "socks pass { from: 0/0 to: 0/0 port lt 22 }",
                "socks block { from: 0/0 to: 0/0 port ne 443 }").rules();

        assertThat(socksVerdict(rules, connect("10.0.0.1", "192.0.2.1", 80))).isEqualTo("pass(1)");
        assertThat(socksVerdict(rules, connect("10.0.0.1", "192.0.2.1", 8000))).isEqualTo("pass(2)");
        assertThat(socksVerdict(rules, connect("10.0.0.1", "192.0.2.1", 7999))).isEqualTo("block(5)");
        assertThat(socksVerdict(rules, connect("10.0.0.1", "192.0.2.1", 1000))).isEqualTo("pass(3)");
        assertThat(socksVerdict(rules, connect("10.0.0.1", "192.0.2.1", 1999))).isEqualTo("pass(3)");
        assertThat(socksVerdict(rules, connect("10.0.0.1", "192.0.2.1", 21))).isEqualTo("pass(4)");
        assertThat(socksVerdict(rules, connect("10.0.0.1", "192.0.2.1", 22))).isEqualTo("block(5)");
        assertThat(socksVerdict(rules, connect("10.0.0.1", "192.0.2.1", 443))).isEqualTo("none");
    }

    @Test
    void hostnamesAndDomains() throws ConfigException {
        RuleSet rules = parse(
                "socks block { from: 0/0 to: localhost port = 25 }",
                "socks pass { from: 0/0 to: .example.com }",
                "socks block { from: 0/0 to: 0/0 }").rules();

        assertThat(socksVerdict(rules, connectToName("10.0.0.1", "localhost", 25))).isEqualTo("block(1)");
        assertThat(socksVerdict(rules, connectToName("10.0.0.1", "www.example.com", 80))).isEqualTo("pass(2)");
        assertThat(socksVerdict(rules, connectToName("10.0.0.1", "example.com", 80))).isEqualTo("pass(2)");
        assertThat(socksVerdict(rules, connectToName("10.0.0.1", "badexample.com", 80))).isEqualTo("block(3)");
        assertThat(socksVerdict(rules, connectToName("10.0.0.1", "www.example.com.evil", 80))).isEqualTo("block(3)");
    }

    @Test
    void commandAndProtocolFilters() throws ConfigException {
        RuleSet rules = parse(
                "socks block { from: 0/0 to: 0/0",
                "  command: bind",
                "}",
                "socks pass { from: 0/0 to: 0/0",
                "  protocol: udp",
                "}",
                "socks pass { from: 0/0 to: 0/0",
                "  command: connect bindreply",
                "}").rules();

        assertThat(socksVerdict(rules, request(Command.BIND, Protocol.TCP))).isEqualTo("block(1)");
        assertThat(socksVerdict(rules, request(Command.UDPASSOCIATE, Protocol.UDP))).isEqualTo("pass(2)");
        assertThat(socksVerdict(rules, request(Command.UDPREPLY, Protocol.UDP))).isEqualTo("pass(2)");
        assertThat(socksVerdict(rules, request(Command.CONNECT, Protocol.TCP))).isEqualTo("pass(3)");
        assertThat(socksVerdict(rules, request(Command.BINDREPLY, Protocol.TCP))).isEqualTo("pass(3)");
    }

    @Test
    void methodsAndUsers() throws ConfigException {
        RuleSet rules = parse(
                "socks pass { from: 0/0 to: 0/0",
                "  socksmethod: username",
                "  user: alice bob",
                "}",
                "socks block { from: 0/0 to: 0/0",
                "  socksmethod: username",
                "}",
                "socks pass { from: 0/0 to: 0/0 }").rules();
        Request base = connect("10.0.0.1", "192.0.2.1", 80);

        assertThat(socksVerdict(rules, as(base, AuthMethod.USERNAME, "bob"))).isEqualTo("pass(1)");
        assertThat(socksVerdict(rules, as(base, AuthMethod.USERNAME, "mallory"))).isEqualTo("block(2)");
        assertThat(socksVerdict(rules, as(base, AuthMethod.NONE, null))).isEqualTo("pass(3)");
    }

    private static String clientVerdict(RuleSet rules, Endpoint client) {
        return verdict(rules.matchClient(new Request(client, PROXY, Command.ACCEPT, Protocol.TCP, AuthMethod.NONE,
                null)));
    }

    private static String socksVerdict(RuleSet rules, Request request) {
        return verdict(rules.matchSocks(request));
    }

    private static String verdict(Optional<Rule> rule) {
        return rule.map(r -> (r.pass() ? "pass(" : "block(") + r.number() + ")").orElse("none");
    }

    private static Request connect(String client, String target, int port) {
        return new Request(endpoint(client, 40000), endpoint(target, port), Command.CONNECT, Protocol.TCP,
                AuthMethod.NONE, null);
    }

    private static Request connectToName(String client, String hostname, int port) {
        return new Request(endpoint(client, 40000), Endpoint.unresolved(hostname, port), Command.CONNECT,
                Protocol.TCP, AuthMethod.NONE, null);
    }

    private static Request request(Command command, Protocol protocol) {
        return new Request(endpoint("10.0.0.1", 40000), endpoint("192.0.2.1", 80), command, protocol,
                AuthMethod.NONE, null);
    }

    private static Request as(Request request, AuthMethod method, String user) {
        return new Request(request.from(), request.to(), request.command(), request.protocol(), method, user);
    }

    private static Endpoint endpoint(String address, int port) {
        return Endpoint.of(InetAddress.ofLiteral(address), port);
    }
}
