package org.wirelog.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.wirelog.testing.Invariant;

/**
 * The configuration files under a coverage-guided fuzzer: any text is either a configuration or an error in
 * the file's own words, naming the file and the line; never another exception. Seeds: the Dante corpus'
 * sockd.conf files and natlog's test.conf ({@code ConfigFuzzTestInputs/<method>/}); see docs/fuzzing.md.
 */
public class ConfigFuzzTest {

    @FuzzTest
    public void sockdConf(byte[] file) {
        Path name = Path.of("sockd.conf");
        try {
            SocksConfig config = SockdConf.parse(new String(file, StandardCharsets.ISO_8859_1), name, warning -> Invariant.holds(!warning.isBlank(), "a warning says something"));
            Invariant.holds(config.rules() != null, "config.rules() is there");
        } catch (ConfigException e) {
            Invariant.holds(e.getMessage().startsWith("sockd.conf: problem on line "), "e.getMessage() starts with " + "sockd.conf: problem on line ");
            Invariant.holds(e.line() > 0, "e.line() is positive");
        }
    }

    @FuzzTest
    public void natlogConf(byte[] file) {
        Path name = Path.of("natlog.conf");
        try {
            List<String> arguments = NatlogConf.arguments(name, new String(file, StandardCharsets.UTF_8).lines().toList());
            Invariant.holds(arguments.stream().allMatch(a -> a != null), "every argument is there");
        } catch (NatlogConf.Problem e) {
            Invariant.holds(e.getMessage().startsWith("natlog.conf, line "), "e.getMessage() starts with " + "natlog.conf, line ");
        }
    }
}
