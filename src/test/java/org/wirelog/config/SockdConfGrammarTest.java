package org.wirelog.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.wirelog.config.Configs.NAME;
import static org.wirelog.config.Configs.parse;
import static org.wirelog.config.Configs.socksRule;
import static org.wirelog.config.Configs.warnings;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wirelog.model.Command;
import org.wirelog.model.Level;
import org.wirelog.model.Protocol;
import org.wirelog.rules.AuthMethod;
import org.wirelog.rules.HostMatch;
import org.wirelog.rules.LogKeyword;
import org.wirelog.rules.PortMatch;
import org.wirelog.rules.ProxyProtocol;
import org.wirelog.rules.Route;
import org.wirelog.rules.Rule;
import org.wirelog.rules.RuleLimits;

/** The sockd.conf grammar wirelog accepts, one feature at a time. */
class SockdConfGrammarTest {

    static Stream<Arguments> portForms() {
        return Stream.of(
                Arguments.of("port = 80", PortMatch.of("eq", 80)),
                Arguments.of("port=80", PortMatch.of("eq", 80)),
                Arguments.of("port =80", PortMatch.of("eq", 80)),
                Arguments.of("port= 80", PortMatch.of("eq", 80)),
                Arguments.of("port eq 80", PortMatch.of("eq", 80)),
                Arguments.of("port: 80", PortMatch.of("eq", 80)),
                Arguments.of("port ne 80", PortMatch.of("neq", 80)),
                Arguments.of("port neq 80", PortMatch.of("neq", 80)),
                Arguments.of("port != 80", PortMatch.of("neq", 80)),
                Arguments.of("port gt 1023", PortMatch.of("gt", 1023)),
                Arguments.of("port >1023", PortMatch.of("gt", 1023)),
                Arguments.of("port ge 1024", PortMatch.of("ge", 1024)),
                Arguments.of("port >= 1024", PortMatch.of("ge", 1024)),
                Arguments.of("port lt 1024", PortMatch.of("lt", 1024)),
                Arguments.of("port<1024", PortMatch.of("lt", 1024)),
                Arguments.of("port le 1023", PortMatch.of("le", 1023)),
                Arguments.of("port <= 1023", PortMatch.of("le", 1023)),
                Arguments.of("port 1024 - 65535", PortMatch.range(1024, 65535)),
                Arguments.of("port 1024-65535", PortMatch.range(1024, 65535)),
                Arguments.of("port 1024 -65535", PortMatch.range(1024, 65535)),
                Arguments.of("port 1024- 65535", PortMatch.range(1024, 65535)),
                Arguments.of("port 0 - 0", PortMatch.range(0, 0)));
    }

    @ParameterizedTest
    @MethodSource("portForms")
    void portForms(String port, PortMatch expected) throws ConfigException {
        Rule rule = socksRule("socks pass { from: 10.0.0.0/8 " + port + " to: 0/0 " + port + " }");

        assertThat(rule.from().port()).isEqualTo(expected);
        assertThat(rule.to().port()).isEqualTo(expected);
    }

    static Stream<Arguments> addressForms() {
        return Stream.of(
                Arguments.of("10.0.0.0/8", cidr("10.0.0.0", 8)),
                Arguments.of("10.0.0.0/255.0.0.0", cidr("10.0.0.0", 8)),
                Arguments.of("192.168.1.0/255.255.255.128", cidr("192.168.1.0", 25)),
                Arguments.of("10.0.0.0 / 8", cidr("10.0.0.0", 8)),
                Arguments.of("10.0.0.0/ 8", cidr("10.0.0.0", 8)),
                Arguments.of("127.0.0.1/32", cidr("127.0.0.1", 32)),
                Arguments.of("0.0.0.0/0", cidr("0.0.0.0", 0)),
                Arguments.of("0.0.0.0/0.0.0.0", cidr("0.0.0.0", 0)),
                Arguments.of("0/0", cidr("0.0.0.0", 0)),
                Arguments.of("::1/128", cidr("::1", 128)),
                Arguments.of("::/0", cidr("::", 0)),
                Arguments.of("fe80::/10", cidr("fe80::", 10)),
                Arguments.of("localhost", new HostMatch.HostName("localhost")),
                Arguments.of("www.example.com", new HostMatch.HostName("www.example.com")),
                Arguments.of(".example.com", new HostMatch.Domain(".example.com")),
                Arguments.of("no-such-nic0", new HostMatch.HostName("no-such-nic0")));
    }

    @ParameterizedTest
    @MethodSource("addressForms")
    void addressForms(String address, HostMatch expected) throws ConfigException {
        Rule rule = socksRule("socks pass { from: " + address + " to: " + address + " port = 1 }");

        assertThat(rule.from().host()).isEqualTo(expected);
        assertThat(rule.from().port()).isEqualTo(PortMatch.ANY);
        assertThat(rule.to().host()).isEqualTo(expected);
        assertThat(rule.to().port()).isEqualTo(PortMatch.of("eq", 1));
    }

    @Test
    void aLocalInterfaceNameMeansThatInterface() throws Exception {
        String name = NetworkInterface.networkInterfaces().findFirst().orElseThrow().getName();

        assertThat(socksRule("socks pass { from: " + name + " to: 0/0 }").from().host())
                .isEqualTo(new HostMatch.Interface(name));
    }

    @Test
    void internalAndExternal() throws ConfigException {
        SocksConfig config = parse(
                "internal: 127.0.0.1 port = 10800",
                "internal: 127.0.0.2 port=10801",
                "internal: ::1 port = 10802",
                "internal:192.0.2.1",
                "internal: lo port =1",
                "external: 127.0.0.1",
                "external: eth0",
                "external: 192.0.2.7 port = 2000");

        assertThat(config.internals()).containsExactly(new Listen("127.0.0.1", 10800), new Listen("127.0.0.2", 10801),
                new Listen("::1", 10802), new Listen("192.0.2.1", 1080), new Listen("lo", 1));
        assertThat(config.externals()).containsExactly(new Listen("127.0.0.1", 0), new Listen("eth0", 0),
                new Listen("192.0.2.7", 2000));
    }

    @Test
    void logOutputsAccumulateAndRelativeFilesResolveAgainstTheConfigDirectory() throws ConfigException {
        SocksConfig config = parse(
                "logoutput: stdout /var/log/sockd.log syslog",
                "logoutput: sockd.log syslog/local0 stderr",
                "errorlog: errors.log",
                "errorlog: syslog/auth");

        assertThat(config.logOutputs()).containsExactly(new LogSpec.Stdout(), new LogSpec.File(Path.of("/var/log/sockd.log")),
                new LogSpec.Syslog("daemon"), new LogSpec.File(Path.of("/etc/sockd.log")), new LogSpec.Syslog("local0"),
                new LogSpec.Stderr());
        assertThat(config.errorLogs()).containsExactly(new LogSpec.File(Path.of("/etc/errors.log")),
                new LogSpec.Syslog("auth"));
    }

    @Test
    void relativeConfigNameResolvesLogFilesAgainstTheWorkingDirectory() throws ConfigException {
        SocksConfig config = SockdConf.parse("logoutput: x.log", Path.of("sockd.conf"), w -> {
        });

        assertThat(config.logOutputs()).containsExactly(new LogSpec.File(Path.of("x.log").toAbsolutePath()));
        assertThat(config.source()).isEqualTo(Path.of("sockd.conf"));
    }

    @Test
    void settings() throws ConfigException {
        SocksConfig config = parse(
                "debug: 2",
                "user.privileged: root",
                "user.notprivileged: nobody",
                "user.libwrap: libwrap",
                "timeout.negotiate: 5",
                "timeout.connect: 6",
                "timeout.io: 7",
                "timeout.io.udp: 8",
                "timeout.tcp_fin_wait: 9");

        assertThat(config.debug()).isEqualTo(2);
        assertThat(config.privileged()).isEqualTo("root");
        assertThat(config.unprivileged()).isEqualTo("nobody");
        assertThat(config.timeouts()).isEqualTo(new Timeouts(seconds(5), seconds(6), seconds(7), seconds(8), seconds(9)));
        assertThat(parse("timeout.io.tcp: 3").timeouts()).isEqualTo(Timeouts.DEFAULT.withIo(seconds(3), seconds(86400)));
        assertThat(parse("user.unprivileged: daemon").unprivileged()).isEqualTo("daemon");
    }

    @Test
    void defaultsWhenNothingIsSaid() throws ConfigException {
        SocksConfig config = parse("");

        assertThat(config.internals()).isEmpty();
        assertThat(config.logOutputs()).isEmpty();
        assertThat(config.debug()).isZero();
        assertThat(config.socksMethods()).containsExactly(AuthMethod.NONE);
        assertThat(config.clientMethods()).containsExactly(AuthMethod.NONE);
        assertThat(config.privileged()).isNull();
        assertThat(config.timeouts()).isEqualTo(Timeouts.DEFAULT);
        assertThat(config.rules().clientRules()).isEmpty();
        assertThat(config.rules().socksRules()).isEmpty();
        assertThat(config.source()).isEqualTo(NAME);
    }

    @Test
    void methodLinesReplaceEachOtherAndEveryMethodIsAccepted() throws ConfigException {
        SocksConfig config = parse(
                "socksmethod: none",
                "socksmethod: username none username gssapi rfc931 pam.any pam.address pam.username bsdauth",
                "clientmethod: rfc931 none pam.any pam.address");

        assertThat(config.socksMethods()).containsExactly(AuthMethod.USERNAME, AuthMethod.NONE, AuthMethod.GSSAPI,
                AuthMethod.RFC931, AuthMethod.PAM_ANY, AuthMethod.PAM_ADDRESS, AuthMethod.PAM_USERNAME,
                AuthMethod.BSDAUTH);
        assertThat(config.clientMethods()).containsExactly(AuthMethod.RFC931, AuthMethod.NONE, AuthMethod.PAM_ANY,
                AuthMethod.PAM_ADDRESS);
    }

    @Test
    void deprecatedKeywordsWorkWithDantesWarning() throws ConfigException {
        List<String> warnings = warnings(
                "method: username",
                "client pass { from: 0/0 to: 0/0 }",
                "pass {",
                "  from: 0/0 to: 0/0",
                "  method: none",
                "}",
                "block { from: 10.0.0.0/8 to: 0/0 }");
        SocksConfig config = parse("method: username", "pass { from: 0/0 to: 0/0", "method: none", "}",
                "block { from: 10.0.0.0/8 to: 0/0 }");

        assertThat(warnings).containsExactly(
                Configs.message(1, "method", "keyword \"method\" is deprecated - assuming the new keyword "
                        + "\"socksmethod\" was meant"),
                Configs.message(3, "pass", "keyword \"pass\" is deprecated - assuming the new keyword "
                        + "\"socks pass\" was meant"),
                Configs.message(5, "method", "keyword \"method\" is deprecated - assuming the new keyword "
                        + "\"socksmethod\" was meant"),
                Configs.message(7, "block", "keyword \"block\" is deprecated - assuming the new keyword "
                        + "\"socks block\" was meant"));
        assertThat(config.socksMethods()).containsExactly(AuthMethod.USERNAME);
        assertThat(config.rules().socksRules()).extracting(Rule::kind, Rule::number, Rule::line, Rule::pass, Rule::methods)
                .containsExactly(
                        tuple(Rule.Kind.SOCKS, 1, 2, true, Set.of(AuthMethod.NONE)),
                        tuple(Rule.Kind.SOCKS, 2, 5, false, Set.of()));
    }

    @Test
    void otherDiagnosticsKeywordsAreSkippedWithAWarning() throws ConfigException {
        List<String> warnings = warnings(
                "external.log.warning.error: ECONNREFUSED dns-any",
                "internal.log.error.tcp.disabled: ecn",
                "socks pass { from: 0/0 to: 0/0",
                "  external.log.error.error: no-route",
                "}");

        assertThat(warnings).containsExactly(
                Configs.message(2, "internal.log.error.tcp.disabled", "not supported yet; ignored"),
                Configs.message(4, "external.log.error.error", "not supported yet; ignored"));
    }

    @Test
    void errorLoggingPicksTheMostSevereLevelPerSide() throws ConfigException {
        ErrorLogging logging = parse(
                "external.log.warning.error: ECONNREFUSED dns-any",
                "external.log.error.error: no-route",
                "internal.log.warning.error: system-any",
                "internal.log.error.error: ECONNRESET").errorLogging();

        assertThat(logging.levelFor(ErrorLogging.Side.EXTERNAL, "ECONNREFUSED")).contains(Level.WARNING);
        assertThat(logging.levelFor(ErrorLogging.Side.EXTERNAL, "EAI_AGAIN")).contains(Level.WARNING);
        assertThat(logging.levelFor(ErrorLogging.Side.EXTERNAL, "EHOSTUNREACH")).contains(Level.ERROR);
        assertThat(logging.levelFor(ErrorLogging.Side.EXTERNAL, "ENETUNREACH")).contains(Level.ERROR);
        assertThat(logging.levelFor(ErrorLogging.Side.EXTERNAL, "ECONNRESET")).isEmpty();
        assertThat(logging.levelFor(ErrorLogging.Side.INTERNAL, "ECONNRESET")).contains(Level.ERROR);
        assertThat(logging.levelFor(ErrorLogging.Side.INTERNAL, "EPIPE")).contains(Level.WARNING);
        assertThat(logging.levelFor(ErrorLogging.Side.INTERNAL, "EAI_NONAME")).isEmpty();
    }

    @Test
    void ruleLimits() throws ConfigException {
        SocksConfig config = parse(
                "session.max: 100",
                "client pass { from: 0/0 to: 0/0",
                "  session.max: 3",
                "  session.throttle: 10 / 2",
                "}",
                "socks pass { from: 0/0 to: 0/0",
                "  bandwidth: 65536",
                "  session.throttle: 5/1",
                "}");

        assertThat(config.sessionMax()).isEqualTo(100);
        assertThat(config.rules().clientRules().getFirst().limits())
                .isEqualTo(RuleLimits.NONE.withSessionMax(3).withThrottle(10, Duration.ofSeconds(2)));
        assertThat(config.rules().socksRules().getFirst().limits())
                .isEqualTo(RuleLimits.NONE.withBandwidth(65536).withThrottle(5, Duration.ofSeconds(1)));
    }

    @Test
    void routesTakeSeveralProtocolsAndHostnames() throws ConfigException {
        SocksConfig config = parse(
                "route {",
                "  from: 10.0.0.0/8 to: .example.com via: proxy.example.com port = 3128",
                "  proxyprotocol: http_v1.0 socks_v4",
                "}",
                "route { from: 0/0 to: 0/0 via: 127.0.0.1",
                "  proxyprotocol: socks_v4",
                "  protocol: tcp",
                "  method: none",
                "}");

        assertThat(config.routes()).extracting(r -> r.via().toString(), Route::protocol, Route::line)
                .containsExactly(tuple("proxy.example.com.3128", ProxyProtocol.SOCKS_V4, 1),
                        tuple("127.0.0.1.1080", ProxyProtocol.SOCKS_V4, 5));
    }

    @Test
    void remoteSyslogCollectors() throws ConfigException {
        SocksConfig config = parse("logoutput: syslog://127.0.0.1:514 syslog+tcp://[::1]:6514/local3 syslog/local0");

        assertThat(config.logOutputs()).containsExactly(
                new LogSpec.RemoteSyslog(LogSpec.RemoteSyslog.Transport.UDP, "127.0.0.1", 514, "daemon"),
                new LogSpec.RemoteSyslog(LogSpec.RemoteSyslog.Transport.TCP, "::1", 6514, "local3"),
                new LogSpec.Syslog("local0"));
    }

    @Test
    void ruleListsAccumulateOverLines() throws ConfigException {
        Rule rule = socksRule(
                "socks block {",
                "  from: 0/0 to: 0/0",
                "  command: bind connect",
                "  command: udpassociate bindreply udpreply",
                "  protocol: tcp",
                "  protocol: udp",
                "  log: connect disconnect",
                "  log: data error iooperation tcpinfo",
                "  socksmethod: username",
                "  socksmethod: none",
                "  user: alice bob",
                "  user: carol",
                "}");

        assertThat(rule.pass()).isFalse();
        assertThat(rule.commands()).containsExactlyInAnyOrder(Command.BIND, Command.CONNECT, Command.UDPASSOCIATE,
                Command.BINDREPLY, Command.UDPREPLY);
        assertThat(rule.protocols()).containsExactlyInAnyOrder(Protocol.TCP, Protocol.UDP);
        assertThat(rule.log()).containsExactlyInAnyOrder(LogKeyword.values());
        assertThat(rule.methods()).containsExactlyInAnyOrder(AuthMethod.USERNAME, AuthMethod.NONE);
        assertThat(rule.users()).containsExactly("alice", "bob", "carol");
    }

    @Test
    void clientRulesTakeClientMethodsAndUsers() throws ConfigException {
        Rule rule = parse("client pass { from: 0/0 to: 0/0", "clientmethod: rfc931", "user: alice", "}")
                .rules().clientRules().getFirst();

        assertThat(rule.kind()).isEqualTo(Rule.Kind.CLIENT);
        assertThat(rule.methods()).containsExactly(AuthMethod.RFC931);
        assertThat(rule.users()).containsExactly("alice");
        assertThat(rule.commands()).isEmpty();
        assertThat(rule.protocols()).isEmpty();
        assertThat(rule.log()).isEmpty();
    }

    @Test
    void freeLayout() throws ConfigException {
        SocksConfig config = parse(
                "  # comment",
                "",
                "debug :1  # a comment after a setting",
                "client pass{from:127.0.0.1/32 to:0/0 log:connect}",
                "socks pass",
                "{",
                "  from: 10.0.0.0/8   # comment inside a rule",
                "",
                "  to: 0/0 port = 80",
                "  log : connect \\",
                "        disconnect",
                "}",
                "socks block { from: 0/0 to: 0/0 } socks pass { from: 0/0 to: 0/0 }");

        assertThat(config.debug()).isEqualTo(1);
        Rule client = config.rules().clientRules().getFirst();
        assertThat(client.from().host()).isEqualTo(cidr("127.0.0.1", 32));
        assertThat(client.log()).containsExactly(LogKeyword.CONNECT);
        List<Rule> socks = config.rules().socksRules();
        assertThat(socks).extracting(Rule::number, Rule::line).containsExactly(
                tuple(1, 5),
                tuple(2, 13),
                tuple(3, 13));
        assertThat(socks.getFirst().to().port()).isEqualTo(PortMatch.of("eq", 80));
        assertThat(socks.getFirst().log()).containsExactlyInAnyOrder(LogKeyword.CONNECT, LogKeyword.DISCONNECT);
    }

    private static HostMatch cidr(String address, int prefix) {
        return new HostMatch.Cidr(InetAddress.ofLiteral(address), prefix);
    }

    private static Duration seconds(long n) {
        return Duration.ofSeconds(n);
    }
}
