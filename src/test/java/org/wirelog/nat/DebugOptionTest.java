package org.wirelog.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wirelog.cli.NatRun;

/** natlog's --debug: the memory in use goes to the log (at the end of a capture file; every minute while watching). */
class DebugOptionTest {

    private static NatRun run(String... extra) {
        List<String> args = new ArrayList<>(List.of("-c", "/dev/null", "--no-daemon", "--stdout", "--log", "off", "-P", "all"));
        args.addAll(List.of(extra));
        args.addAll(List.of(Corpus.path("pcap/fwin.pcap").toString(), "192.168.77.1", "/24", Corpus.path("pcap/fwout.pcap").toString(),
                "10.77.0.1", "/24"));
        return NatRun.of(args.toArray(String[]::new));
    }

    @Test
    void debugWritesTheMemoryInUse() {
        List<String> plain = run().stdout(), debug = run("--debug").stdout();
        assertThat(plain).noneMatch(l -> l.startsWith("memory: "));
        List<String> memory = debug.stream().filter(l -> l.startsWith("memory: ")).toList();
        assertThat(memory).singleElement().asString().matches("memory: resident \\d+ kB, heap used \\d+ kB of \\d+ kB");
        List<String> rest = new ArrayList<>(debug);
        rest.removeAll(memory);
        assertThat(rest).isEqualTo(plain);
        assertThat(debug.indexOf(memory.getFirst())).isEqualTo(debug.indexOf("NatFork::childProcess notifying RotatingStreambuf") - 1);
    }
}
