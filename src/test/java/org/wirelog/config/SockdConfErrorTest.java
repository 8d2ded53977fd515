package org.wirelog.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wirelog.config.Configs.failure;
import static org.wirelog.config.Configs.message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Configs Dante refuses (or wirelog cannot honour yet), and exactly what the message says. */
class SockdConfErrorTest {

    private static final String CLIENT_RULE = "client pass { from: 0/0 to: 0/0 }";

    @Test
    void ipv4AddressWithoutNetmaskNamesTheWordAfterItLikeDante() {
        ConfigException e = failure(CLIENT_RULE, "socks pass { from: 127.0.0.1 to: 0/0 }");

        assertThat(e).hasMessage(message(2, "to", "No netmask has been specified for this IPv4 address, but a netmask "
                + "must be specified in this context.  You can specify a netmask using the standard "
                + "\"/ <netmask bits>\" syntax"));
    }

    @Test
    void ipv6AddressWithoutNetmask() {
        ConfigException e = failure("socks pass { from: 0/0 to: ::1 }");

        assertThat(e).hasMessageStartingWith("/etc/sockd.conf: problem on line 1 near token \"}\": No netmask has "
                + "been specified for this IPv6 address");
    }

    @Test
    void commaInAListIsASyntaxError() {
        ConfigException e = failure("socks pass { from: 0/0 to: 0/0 log: connect, disconnect }");

        assertThat(e).hasMessage(message(1, "connect,", "syntax error: list values are separated by spaces, not commas"));
    }

    @Test
    void aSecondListKeywordOnTheSameLineIsASyntaxError() {
        ConfigException after = failure("socks pass {", "  from: 0/0 to: 0/0", "  command: bind log: connect", "}");
        ConfigException before = failure("socks pass {", "  from: 0/0 to: 0/0", "  log: connect command: bind", "}");

        assertThat(after).hasMessage(message(3, "log",
                "syntax error: \"command:\" takes the rest of its line; put \"log:\" on a line of its own"));
        assertThat(before).hasMessage(message(3, "command",
                "syntax error: \"log:\" takes the rest of its line; put \"command:\" on a line of its own"));
    }

    @Test
    void aListKeywordNeedsValuesOnItsOwnLine() {
        ConfigException e = failure("socks pass { from: 0/0 to: 0/0", "  log:", "  connect", "}");

        assertThat(e).hasMessage(message(3, "connect", "syntax error: \"log:\" needs one or more values on its own line"));
    }

    @Test
    void unknownValueInAList() {
        ConfigException e = failure("socks pass { from: 0/0 to: 0/0 protocol: tcp icmp }");

        assertThat(e).hasMessage(message(1, "icmp", "syntax error: \"protocol:\" takes tcp udp"));
    }

    @Test
    void unknownKeywordIsASyntaxError() {
        assertThat(failure("debug: 1", "bogus: 1")).hasMessage(message(2, "bogus", "syntax error"));
        assertThat(failure(CLIENT_RULE, "socks pass { from: 0/0 to: 0/0", "frobnicate: yes", "}"))
                .hasMessage(message(3, "frobnicate", "syntax error"));
    }

    @Test
    void keywordWithoutColonIsASyntaxError() {
        assertThat(failure("debug 1")).hasMessage(message(1, "debug", "syntax error"));
        assertThat(failure("socks pass { from 0/0 to: 0/0 }")).hasMessage(message(1, "from", "syntax error"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"session.inheritable", "pamservicename", "udp.portrange",
            "redirect", "proxyprotocol", "ldap.server"})
    void ruleOptionsDanteHasButWirelogLacksAreNotSupportedYet(String keyword) {
        ConfigException e = failure(CLIENT_RULE, "socks pass { from: 0/0 to: 0/0", "  " + keyword + ": 10", "}");

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.token()).isEqualTo(keyword);
        assertThat(e.getMessage()).contains("not supported yet");
    }

    @Test
    void unsupportedYetMessages() {
        assertThat(failure("route {", "  from: 0/0 to: 0/0 via: direct", "}"))
                .hasMessage(message(2, "direct", "route via direct: not supported yet"));
        assertThat(failure("route {", "  from: 0/0 to: 0/0 via: 127.0.0.1 port = 1080", "  command: bind", "}"))
                .hasMessage(message(1, "route", "route for bind: not supported yet (only connect is chained)"));
        assertThat(failure("route {", "  from: 0/0 to: 0/0 via: 127.0.0.1 port = 1080", "  method: username", "}"))
                .hasMessage(message(3, "username", "method username towards a next proxy: not supported yet"));
        assertThat(failure("compatibility: sameport")).hasMessage(message(1, "compatibility", "not supported yet"));
        assertThat(failure("srchost: nodnsmismatch")).hasMessage(message(1, "srchost", "not supported yet"));
        assertThat(failure("udp.connectdst: no")).hasMessage(message(1, "udp.connectdst", "not supported yet"));
        assertThat(failure("internal.tcp.so_rcvbuf: 1024"))
                .hasMessage(message(1, "internal.tcp.so_rcvbuf", "not supported yet"));
        assertThat(failure("socks pass { from: 0/0 to: 0/0", "session.inheritable: yes", "}"))
                .hasMessage(message(2, "session.inheritable", "not supported yet"));
        assertThat(failure("socks pass { from: 0/0 to: 0/0", "timeout.io: 10", "}"))
                .hasMessage(message(2, "timeout.io", "not supported yet in a rule"));
        assertThat(failure("client pass { from: 0/0 to: 0/0", "socksmethod: username", "}"))
                .hasMessage(message(2, "socksmethod", "not supported yet in a client-rule"));
        assertThat(failure("socks pass { from: 0/0 to: 0/0", "clientmethod: none", "}"))
                .hasMessage(message(2, "clientmethod", "not supported yet in a socks-rule"));
    }

    @Test
    void routeMistakes() {
        assertThat(failure("route {", "  from: 0/0 to: 0/0", "}"))
                .hasMessage(message(1, "route", "route has no \"via:\": which proxy should it go through?"));
        assertThat(failure("route {", "  from: 0/0 to: 0/0 via: 127.0.0.1 port = 1080", "  proxyprotocol: socks_v6", "}"))
                .hasMessage(message(3, "socks_v6", "syntax error: \"proxyprotocol:\" takes http http_v1.0 socks_v4 socks_v5"));
        assertThat(failure("route {", "  from: 0/0 to: 0/0 via: 127.0.0.1 port = 1080", "  socksmethod: none", "}"))
                .hasMessage(message(3, "socksmethod", "syntax error"));
    }

    @Test
    void limitAndErrorLoggingMistakes() {
        assertThat(failure("external.log.warning.error: ECONNREFUSD"))
                .hasMessage(message(1, "ECONNREFUSD", "unknown error value \"ECONNREFUSD\": give an errno name such as "
                        + "ECONNREFUSED, an EAI_* name, or no-route, dns-any, system-any"));
        assertThat(failure("socks pass { from: 0/0 to: 0/0", "session.throttle: 10", "}"))
                .hasMessage(message(2, "10", "session.throttle takes sessions / seconds, such as \"10 / 1\""));
        assertThat(failure("socks pass { from: 0/0 to: 0/0", "session.max: 0", "}"))
                .hasMessage(message(2, "0", "a number from 1 up was expected"));
        assertThat(failure("logoutput: syslog+tcp://collector"))
                .hasMessage(message(1, "syslog+tcp://collector",
                        "a remote syslog collector is written syslog://HOST:PORT or syslog+tcp://HOST:PORT"));
    }

    @Test
    void unterminatedBlockNamesItsOpeningBrace() {
        ConfigException e = failure(CLIENT_RULE, "socks pass {", "  from: 0/0 to: 0/0", "  log: connect", "");

        assertThat(e).hasMessage(message(2, "{", "this \"{\" is never closed: \"}\" is missing"));
    }

    @Test
    void badPorts() {
        assertThat(failure("socks pass { from: 0/0 to: 0/0 port = 70000 }"))
                .hasMessage(message(1, "70000", "bad port number: 70000.  Legal range is 0 - 65535"));
        assertThat(failure("socks pass { from: 0/0 to: 0/0 port=8o }"))
                .hasMessage(message(1, "8o", "bad port \"8o\": write \"port = N\", \"port eq|ne|gt|ge|lt|le N\" "
                        + "or \"port N - M\""));
        assertThat(failure("socks pass { from: 0/0 to: 0/0 port 80 }"))
                .hasMessage(message(1, "80", "syntax error: write \"port = N\", \"port eq|ne|gt|ge|lt|le N\" "
                        + "or \"port N - M\""));
        assertThat(failure("socks pass { from: 0/0 to: 0/0 port 2000 - 1000 }"))
                .hasMessage(message(1, "1000", "end port (1000) can not be less than start port (2000)"));
        assertThat(failure("socks pass { from: 0/0 to: 0/0 port = http }"))
                .hasMessage(message(1, "http", "port names such as \"http\" are not supported yet; give the number"));
        assertThat(failure("internal: 127.0.0.1 port >= 1080"))
                .hasMessage(message(1, "port", "a single port is needed here: \"port = N\""));
    }

    @Test
    void settingAfterARule() {
        ConfigException e = failure("internal: 127.0.0.1 port = 1080", CLIENT_RULE, "debug: 1");

        assertThat(e).hasMessage(message(3, "debug",
                "\"debug:\" is a server setting, and server settings must come before the rules"));
    }

    @Test
    void rulesNeedFromAndToInThatOrder() {
        assertThat(failure(CLIENT_RULE, "socks block {", "  log: connect", "}"))
                .hasMessage(message(2, "socks", "socks-rule has no \"from:\" and \"to:\"; both are needed"));
        assertThat(failure("client pass { }")).hasMessage(message(1, "client",
                "client-rule has no \"from:\" and \"to:\"; both are needed"));
        assertThat(failure("socks pass { to: 0/0 from: 0/0 }"))
                .hasMessage(message(1, "to", "syntax error: \"to:\" must come right after \"from:\""));
        assertThat(failure("socks pass { from: 0/0", "log: connect", "to: 0/0 }"))
                .hasMessage(message(2, "log", "syntax error: \"from:\" must be followed by \"to:\""));
        assertThat(failure("socks pass { from: 0/0 to: 0/0", "from: 0/0 to: 0/0 }"))
                .hasMessage(message(2, "from", "syntax error: a rule has one \"from:\" and one \"to:\""));
    }

    @Test
    void clientRulesTakeNoCommandOrProtocol() {
        assertThat(failure("client pass { from: 0/0 to: 0/0", "command: connect", "}"))
                .hasMessage(message(2, "command", "syntax error: \"command:\" belongs in socks-rules"));
        assertThat(failure("client pass { from: 0/0 to: 0/0", "protocol: tcp", "}"))
                .hasMessage(message(2, "protocol", "syntax error: \"protocol:\" belongs in socks-rules"));
    }

    @Test
    void badNetmasks() {
        assertThat(failure("socks pass { from: 10.0.0.0/33 to: 0/0 }"))
                .hasMessage(message(1, "10.0.0.0/33", "bad IPv4 netmask: 33.  Legal range is 0 - 32"));
        assertThat(failure("socks pass { from: ::1/129 to: 0/0 }"))
                .hasMessage(message(1, "::1/129", "bad IPv6 netmask: 129.  Legal range is 0 - 128"));
        assertThat(failure("socks pass { from: 10.0.0.0/255.0.255.0 to: 0/0 }"))
                .hasMessage(message(1, "10.0.0.0/255.0.255.0",
                        "netmask 255.0.255.0 is not supported: its one-bits are not contiguous"));
        assertThat(failure("socks pass { from: 0/8 to: 0/0 }"))
                .hasMessage(message(1, "0/8", "bad netmask for 0: only 0/0 is allowed"));
        assertThat(failure("socks pass { from: 300.0.0.1/32 to: 0/0 }"))
                .hasMessage(message(1, "300.0.0.1/32", "bad IPv4 address: 300.0.0.1"));
        assertThat(failure("socks pass { from: localhost/32 to: 0/0 }"))
                .hasMessage(message(1, "localhost/32", "syntax error: a netmask goes only with an IP address"));
        assertThat(failure("socks pass { from: ::ffff:10.0.0.1/128 to: 0/0 }"))
                .hasMessageContaining("we do not use IPv4-mapped IPv6 addresses");
    }

    @Test
    void listenAddresses() {
        assertThat(failure("internal: 127.0.0.0/8 port = 1080")).hasMessage(message(1, "127.0.0.0/8",
                "a netmask is not used here; give a single address or an interface name"));
        assertThat(failure("internal: port = 1080")).hasMessage(message(1, "port",
                "an address or interface name is needed before \"port\""));
    }

    @Test
    void badSettingValues() {
        assertThat(failure("debug: 3")).hasMessage(message(1, "3", "debug level 3 is not supported: use 0, 1 or 2"));
        assertThat(failure("timeout.io: soon")).hasMessage(message(1, "soon", "a number was expected"));
        assertThat(failure("timeout.io: -1")).hasMessage(message(1, "-1", "a number was expected"));
        assertThat(failure("clientmethod: username")).hasMessage(message(1, "username",
                "syntax error: \"clientmethod:\" takes none pam.address pam.any rfc931"));
        assertThat(failure("socksmethod: kerberos")).hasMessage(message(1, "kerberos",
                "syntax error: \"socksmethod:\" takes bsdauth gssapi none pam.address pam.any pam.username rfc931 "
                        + "username"));
        assertThat(failure("logoutput: syslog/local9")).hasMessage(message(1, "syslog/local9",
                "unknown syslog facility \"local9\""));
    }

    @Test
    void badRuleHeads() {
        assertThat(failure("client allow { from: 0/0 to: 0/0 }")).hasMessage(message(1, "allow", "syntax error"));
        assertThat(failure("client pass from: 0/0 to: 0/0 }")).hasMessage(message(1, "from", "syntax error"));
        assertThat(failure(CLIENT_RULE, "}")).hasMessage(message(2, "}", "syntax error"));
    }

    @Test
    void endOfFileInTheMiddleOfASetting() {
        assertThat(failure("debug:")).hasMessage(message(1, "debug", "unexpected end of file"));
        assertThat(failure("socks pass { from: 0/0 to: 0/0 port =")).hasMessage(message(1, "=", "unexpected end of file"));
    }
}
