package org.wirelog.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import org.wirelog.config.ConfigFuzzTest;
import org.wirelog.format.dante.DanteLineReaderFuzzTest;
import org.wirelog.format.ipprot.ConnectionLogFuzzTest;
import org.wirelog.format.natlog.NatlogFuzzTest;
import org.wirelog.format.packetlog.PacketLogFuzzTest;
import org.wirelog.nat.NatParsersFuzzTest;
import org.wirelog.packet.IpDecoderFuzzTest;
import org.wirelog.read.LogReaderFuzzTest;
import org.wirelog.socks.NegotiationFuzzTest;
import org.wirelog.sys.PcapFileFuzzTest;

/**
 * Every {@code @FuzzTest} target behind one entry point, for Jazzer's own driver
 * ({@code com.code_intelligence.jazzer.Jazzer --target_class=org.wirelog.testing.EveryParser}): the JUnit
 * integration fuzzes one target per JVM, and a JVM with Jazzer's agent takes long to start, so the short run
 * of the test suite fuzzes them all in one. The first byte of an input picks the target, the rest is its
 * input; with {@code -Dwirelog.fuzz.target=NAME} (a key of {@link #TARGETS}) every input goes to that one.
 */
public final class EveryParser {

    @FunctionalInterface
    public interface Target {
        void run(byte[] input) throws Exception;
    }

    /** By name: the fuzz test class and method, the directory of its seeds ({@code <Class>Inputs/<method>}). */
    public static final SequencedMap<String, Target> TARGETS = targets();

    private static final Target ONLY = System.getProperty("wirelog.fuzz.target") == null ? null
            : TARGETS.get(System.getProperty("wirelog.fuzz.target"));
    private static final Target[] ALL = TARGETS.values().toArray(Target[]::new);
    /** Inputs each target ran, said at exit: the figures of docs/fuzzing.md. */
    private static final long[] RUNS = runsCountedAtExit();

    private EveryParser() {
    }

    /** Jazzer's entry point. */
    public static void fuzzerTestOneInput(byte[] data) throws Exception {
        if (ONLY != null) {
            RUNS[0]++;
            ONLY.run(data);
        } else if (data.length > 0) {
            int target = (data[0] & 0xff) % ALL.length;
            RUNS[target]++;
            ALL[target].run(java.util.Arrays.copyOfRange(data, 1, data.length));
        }
    }

    /** The selector byte of a target, for seeding the corpus of the combined run. */
    public static int selector(String name) {
        return TARGETS.sequencedKeySet().stream().toList().indexOf(name);
    }

    private static long[] runsCountedAtExit() {
        long[] runs = new long[ALL.length];
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            var names = TARGETS.sequencedKeySet().stream().toList();
            for (int i = 0; i < runs.length; i++) {
                if (runs[i] > 0) System.err.println("wirelog-fuzz: " + (ONLY != null ? System.getProperty("wirelog.fuzz.target") : names.get(i)) + " ran " + runs[i]);
            }
        }));
        return runs;
    }

    private static SequencedMap<String, Target> targets() {
        var socks = new NegotiationFuzzTest();
        var config = new ConfigFuzzTest();
        var nat = new NatParsersFuzzTest();
        var natlog = new NatlogFuzzTest();
        var ipprot = new ConnectionLogFuzzTest();
        var packetLogs = new PacketLogFuzzTest();
        Map<String, Target> targets = new LinkedHashMap<>();
        targets.put("NegotiationFuzzTest#negotiation", socks::negotiation);
        targets.put("NegotiationFuzzTest#usernamePassword", socks::usernamePassword);
        targets.put("NegotiationFuzzTest#udpHeader", socks::udpHeader);
        targets.put("ConfigFuzzTest#sockdConf", config::sockdConf);
        targets.put("ConfigFuzzTest#natlogConf", config::natlogConf);
        targets.put("NatParsersFuzzTest#conntrackLine", nat::conntrackLine);
        targets.put("NatParsersFuzzTest#natFrame", nat::natFrame);
        targets.put("IpDecoderFuzzTest#ethernetFrame", new IpDecoderFuzzTest()::ethernetFrame);
        targets.put("PcapFileFuzzTest#pcapFile", new PcapFileFuzzTest()::pcapFile);
        targets.put("DanteLineReaderFuzzTest#trafficLine", new DanteLineReaderFuzzTest()::trafficLine);
        targets.put("NatlogFuzzTest#connectionLine", natlog::connectionLine);
        targets.put("NatlogFuzzTest#table", natlog::table);
        targets.put("ConnectionLogFuzzTest#template", ipprot::template);
        targets.put("ConnectionLogFuzzTest#log", ipprot::log);
        targets.put("PacketLogFuzzTest#ipchainsLine", packetLogs::ipchainsLine);
        targets.put("PacketLogFuzzTest#netfilterLine", packetLogs::netfilterLine);
        targets.put("LogReaderFuzzTest#logFile", new LogReaderFuzzTest()::logFile);
        return java.util.Collections.unmodifiableSequencedMap(new LinkedHashMap<>(targets));
    }
}
