package org.wirelog.testing;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
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
    public interface Body {
        void run(byte[] input) throws Exception;
    }

    /** One {@code @FuzzTest} method: its class, its name and what it runs. */
    public record Target(Class<?> fuzzTest, String method, Body body) {
        public String name() {
            return fuzzTest.getSimpleName() + "#" + method;
        }

        /** Where Jazzer keeps its seeds and findings, as a resource: {@code <package>/<Class>Inputs/<method>}. */
        public String seeds() {
            return fuzzTest.getPackageName().replace('.', '/') + "/" + fuzzTest.getSimpleName() + "Inputs/" + method;
        }
    }

    /** By name ({@link Target#name()}), in the order of their selector bytes. */
    public static final SequencedMap<String, Target> TARGETS = targets();

    private static final Body ONLY = only(System.getProperty("wirelog.fuzz.target"));
    private static final Body[] ALL = TARGETS.values().stream().map(Target::body).toArray(Body[]::new);
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
            ALL[target].run(Arrays.copyOfRange(data, 1, data.length));
        }
    }

    private static Body only(String name) {
        if (name == null) return null;
        Target target = TARGETS.get(name);
        if (target == null) throw new IllegalArgumentException("no fuzz target " + name + "; known: " + TARGETS.keySet());
        return target.body();
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
        SequencedMap<String, Target> targets = new LinkedHashMap<>();
        add(targets, NegotiationFuzzTest.class, "negotiation", socks::negotiation);
        add(targets, NegotiationFuzzTest.class, "usernamePassword", socks::usernamePassword);
        add(targets, NegotiationFuzzTest.class, "udpHeader", socks::udpHeader);
        add(targets, ConfigFuzzTest.class, "sockdConf", config::sockdConf);
        add(targets, ConfigFuzzTest.class, "natlogConf", config::natlogConf);
        add(targets, NatParsersFuzzTest.class, "conntrackLine", nat::conntrackLine);
        add(targets, NatParsersFuzzTest.class, "natFrame", nat::natFrame);
        add(targets, IpDecoderFuzzTest.class, "ethernetFrame", new IpDecoderFuzzTest()::ethernetFrame);
        add(targets, PcapFileFuzzTest.class, "pcapFile", new PcapFileFuzzTest()::pcapFile);
        add(targets, DanteLineReaderFuzzTest.class, "trafficLine", new DanteLineReaderFuzzTest()::trafficLine);
        add(targets, NatlogFuzzTest.class, "connectionLine", natlog::connectionLine);
        add(targets, NatlogFuzzTest.class, "table", natlog::table);
        add(targets, ConnectionLogFuzzTest.class, "template", ipprot::template);
        add(targets, ConnectionLogFuzzTest.class, "log", ipprot::log);
        add(targets, PacketLogFuzzTest.class, "ipchainsLine", packetLogs::ipchainsLine);
        add(targets, PacketLogFuzzTest.class, "netfilterLine", packetLogs::netfilterLine);
        add(targets, LogReaderFuzzTest.class, "logFile", new LogReaderFuzzTest()::logFile);
        return Collections.unmodifiableSequencedMap(targets);
    }

    private static void add(SequencedMap<String, Target> targets, Class<?> fuzzTest, String method, Body body) {
        Target target = new Target(fuzzTest, method, body);
        targets.put(target.name(), target);
    }
}
