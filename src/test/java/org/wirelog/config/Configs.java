package org.wirelog.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wirelog.rules.Rule;

/** Helpers to parse config text in tests: lines are joined with newlines, the file is called /etc/sockd.conf. */
final class Configs {

    static final Path NAME = Path.of("/etc/sockd.conf");

    private Configs() {
    }

    static SocksConfig parse(String... lines) throws ConfigException {
        return SockdConf.parse(String.join("\n", lines), NAME, warning -> {
        });
    }

    static List<String> warnings(String... lines) throws ConfigException {
        List<String> warnings = new ArrayList<>();
        SockdConf.parse(String.join("\n", lines), NAME, warnings::add);
        return warnings;
    }

    /** The single socks rule of a config that has only that rule. */
    static Rule socksRule(String... lines) throws ConfigException {
        List<Rule> rules = parse(lines).rules().socksRules();
        assertThat(rules).hasSize(1);
        return rules.getFirst();
    }

    static ConfigException failure(String... lines) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(lines));
        assertThat(e).as("parsing should fail").isNotNull();
        return e;
    }

    /** Dante's whole message for a problem in /etc/sockd.conf. */
    static String message(int line, String token, String problem) {
        return "/etc/sockd.conf: problem on line " + line + " near token \"" + token + "\": " + problem
                + ".  Please see the Dante manual for more information";
    }
}
