package org.wirelog.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.format.natlog.NatlogFields;
import org.wirelog.format.natlog.NatlogLineReader;
import org.wirelog.format.natlog.NatlogStatus;
import org.wirelog.model.Protocol;
import org.wirelog.testing.Eventually;
import org.wirelog.testing.PrometheusText;
import org.wirelog.testing.WirelogProcess;

/**
 * conntrack mode and devices mode on the firewall of a real NAT ({@link NatLab}), at the same time, on
 * the same known traffic: real clients and a real server, real {@code conntrack -E}, real capture on
 * {@code fwin} and {@code fwout}, ended by a real SIGTERM. Each mode must log every flow exactly once,
 * with the via the server saw and, where the mode counts, the bytes a tcpdump of {@code fwin} adds up
 * (the IP total lengths of the flow's packets, decoded by tcpdump, not by wirelog).
 */
class LiveNatTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final String LAB_SCRIPT = "lab/nat-lab.py";
    private static final String SERVER = NatLab.OUTSIDE;

    /** The known traffic: inside host 1 holds T5 open until the end. */
    private static final List<String> INSIDE1_FLOWS = List.of("tcp:T1:41001:8000:100:2000:client", "tcp:T2:41002:8000:1000:100:server",
            "tcp:T3:41003:8000:5000:50000:client", "tcp:T4:41004:8999:0:0:client", "udp:U1:42001:3:50:300", "icmp:I1:4660:3:56",
            "tcp:T5:41006:8000:300:400:hold");
    /** Host 2 uses host 1's udp port and icmp identifier again, and T1's tcp port. */
    private static final List<String> INSIDE2_FLOWS = List.of("udp:U2:42001:1:1200:20", "icmp:I2:4660:2:100",
            "tcp:T6:41001:8000:210:710:client");
    private static final Map<String, String> KEYS = Map.of(
            "T1", NatLab.INSIDE1 + ":41001>" + SERVER + ":8000", "T2", NatLab.INSIDE1 + ":41002>" + SERVER + ":8000",
            "T3", NatLab.INSIDE1 + ":41003>" + SERVER + ":8000", "T4", NatLab.INSIDE1 + ":41004>" + SERVER + ":8999",
            "T5", NatLab.INSIDE1 + ":41006>" + SERVER + ":8000", "T6", NatLab.INSIDE2 + ":41001>" + SERVER + ":8000",
            "U1", NatLab.INSIDE1 + ":42001>" + SERVER + ":9000", "U2", NatLab.INSIDE2 + ":42001>" + SERVER + ":9000",
            "I1", NatLab.INSIDE1 + "#4660>" + SERVER, "I2", NatLab.INSIDE2 + "#4660>" + SERVER);
    private static final Set<String> CLOSED_BEFORE_THE_END = Set.of("T1", "T2", "T3", "T4", "T6", "U1", "U2", "I1", "I2");
    private static final Set<String> TCP_CLOSED = Set.of("T1", "T2", "T3", "T4", "T6");

    @TempDir
    Path dir;

    private final NatlogLineReader reader = new NatlogLineReader(2026, ZoneOffset.UTC);

    @Test
    void bothLiveModesLogEveryFlowOnceWithTheRealCounts() throws Exception {
        String why = NatLab.unavailable();
        assumeTrue(why == null, () -> "needs root, network namespaces, conntrack, nft and tcpdump: " + why);
        Instant testStart = Instant.now();
        try (NatLab lab = NatLab.build()) {
            String script = Corpus.path(LAB_SCRIPT).toString();
            Path serverOut = dir.resolve("server.txt"), tcpdumpOut = dir.resolve("tcpdump.txt"), capture = dir.resolve("fwin.pcap");
            lab.start(lab.outside, serverOut, "python3", script, "server");
            Eventually.await("the server", LIMIT, () -> Eventually.linesSoFar(serverOut).contains("ready"));
            Process tcpdump = lab.start(lab.firewall, tcpdumpOut, "tcpdump", "-i", "fwin", "-U", "-n", "-w", capture.toString());
            Eventually.await("tcpdump", LIMIT, () -> String.join("\n", Eventually.linesSoFar(tcpdumpOut)).contains("listening on fwin"));

            Path conntrackLog = dir.resolve("conntrack.log"), devicesLog = dir.resolve("devices.log");
            List<String> inFirewall = List.of("ip", "netns", "exec", lab.firewall);
            try (WirelogProcess conntrack = WirelogProcess.startWrapped(inFirewall, "nat", "-c", "/dev/null", "--no-daemon", "--stdout",
                    "--log", conntrackLog.toString(), "-P", "all", "conntrack");
                 WirelogProcess devices = WirelogProcess.startWrapped(inFirewall, "nat", "-c", "/dev/null", "--no-daemon", "--stdout",
                         "--log", devicesLog.toString(), "-P", "all", "--metrics", "127.0.0.1:9100", "fwin", "fwout")) {
                int probes = probeUntilConntrackListens(lab, script, conntrackLog);

                Path client1Out = dir.resolve("client1.txt");
                List<String> client1 = new ArrayList<>(List.of("python3", script, "client"));
                client1.addAll(INSIDE1_FLOWS);
                Process holder = lab.start(lab.inside1, client1Out, client1.toArray(String[]::new));
                Eventually.await("inside host 1's flows", LIMIT, () -> Eventually.linesSoFar(client1Out).contains("done"));
                List<String> client2 = new ArrayList<>(List.of("python3", script, "client"));
                client2.addAll(INSIDE2_FLOWS);
                lab.in(lab.inside2, client2.toArray(String[]::new));
                assertThat(Eventually.linesSoFar(client1Out)).containsExactly("refused T4", "done");

                Eventually.await("conntrack's DESTROY of every closed flow", LIMIT, () -> {
                    listConntrack(lab); // a listing makes the kernel drop expired entries now
                    return keysLogged(conntrackLog).containsAll(keys(CLOSED_BEFORE_THE_END));
                });
                Eventually.await("the closed tcp flows in devices mode", LIMIT, () -> keysLogged(devicesLog).containsAll(keys(TCP_CLOSED)));
                tcpdump.destroy();
                assertThat(tcpdump.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

                // libpcap's counters (pcap_stats) through --metrics, scraped inside the firewall's namespace
                var scrape = new PrometheusText(lab.in(lab.firewall, "curl", "-sS", "--max-time", "10", "http://127.0.0.1:9100/metrics"));
                for (String device : List.of("fwin", "fwout")) {
                    assertThat(scrape.sum("wirelog_capture_packets_received_total", "device", device)).as(scrape.toString()).isPositive();
                    assertThat(scrape.sum("wirelog_capture_packets_dropped_total", "device", device)).isZero();
                }

                assertThat(conntrack.stop()).as(conntrack.stderr()).isZero();
                assertThat(devices.stop()).as(devices.stderr()).isZero();
                holder.getOutputStream().close();

                Map<String, PacketSums.Sums> sums = PacketSums.of(List.of(lab.in(lab.firewall, "tcpdump", "-tt", "-v", "-n", "-r",
                        capture.toString()).split("\n")));
                Map<String, Integer> viaPorts = viaPortsTheServerSaw(serverOut);
                Instant testEnd = Instant.now();

                Map<String, NatlogFields> byConntrack = flowsOnce(conntrack.stdout(), probes);
                Map<String, NatlogFields> byDevices = flowsOnce(devices.stdout(), probes);
                assertThat(byConntrack.keySet()).isEqualTo(Set.copyOf(KEYS.keySet()));
                assertThat(byDevices.keySet()).isEqualTo(Set.copyOf(KEYS.keySet()));
                for (String flow : KEYS.keySet()) {
                    NatlogFields c = byConntrack.get(flow), d = byDevices.get(flow);
                    PacketSums.Sums counted = sums.get(KEYS.get(flow));
                    assertThat(counted).as(flow + " in the tcpdump of fwin").isNotNull();
                    assertThat(new PacketSums.Sums(d.sent(), d.received())).as("devices mode's count of " + flow).isEqualTo(counted);
                    assertThat(d.via()).as(flow + ": both modes saw the same via").isEqualTo(c.via());
                    assertThat(c.via().host()).isEqualTo("10.77.0.1");
                    if (viaPorts.containsKey(flow)) assertThat(c.via().port()).as(flow + "'s via port").isEqualTo(viaPorts.get(flow));
                    for (NatlogFields f : List.of(c, d)) {
                        assertThat(f.begin()).as(flow).isBetween(testStart, testEnd);
                        assertThat(f.end()).as(flow).isBetween(f.begin(), testEnd);
                    }
                    if (flow.equals("T5")) {
                        // conntrack has not counted an open connection yet; natlog writes it with 0 bytes at its NEW time
                        assertThat(c.status()).isEqualTo(NatlogStatus.EOP);
                        assertThat(new long[] {c.sent(), c.received()}).containsExactly(0, 0);
                        assertThat(c.end()).isEqualTo(c.begin());
                    } else {
                        assertThat(c.status()).as(flow).isEqualTo(NatlogStatus.OK);
                        assertThat(new PacketSums.Sums(c.sent(), c.received())).as("conntrack's count of " + flow).isEqualTo(counted);
                    }
                    // devices mode: tcp ends when it closes; udp and icmp live until their ttl (60 s) or the end
                    assertThat(d.status()).as(flow).isEqualTo(TCP_CLOSED.contains(flow) ? NatlogStatus.OK : NatlogStatus.EOP);
                }
                assertThat(byConntrack.get("I1").source().host()).isNotEqualTo(byConntrack.get("I2").source().host());
                assertThat(statusLines(conntrack.stdout())).containsExactly("processing: icmp or udp or tcp",
                        "Starting `/usr/sbin/conntrack -E -n -o timestamp -e NEW,DESTROY' (max 10 restarts)",
                        "received signal 15 (SIGTERM)", "cleanupWrap thread ends", "NatFork::childProcess notifying RotatingStreambuf",
                        "NatFork::childProcess ends", "monitoring conntrack ends");
                assertThat(statusLines(devices.stdout())).containsExactly("processing: icmp or udp or tcp",
                        "starting capturing fwin and fwout", "received signal 15 (SIGTERM)", "cleanupWrap thread ends",
                        "NatFork::childProcess notifying RotatingStreambuf", "NatFork::childProcess ends");
                for (WirelogProcess mode : List.of(conntrack, devices)) eopLinesComeAfterTheSignal(mode.stdout());
                assertThat(Eventually.linesSoFar(conntrackLog)).isEqualTo(conntrack.stdout());
                assertThat(Eventually.linesSoFar(devicesLog)).isEqualTo(devices.stdout());
            }
        }
    }

    /**
     * conntrack -E listens some time after wirelog reports ready: udp datagrams are sent and their conntrack
     * entries deleted until a DESTROY is logged. @return how many probes were sent
     */
    private int probeUntilConntrackListens(NatLab lab, String script, Path conntrackLog) throws Exception {
        for (int probe = 0; probe < 20; probe++) {
            String port = Integer.toString(43000 + probe);
            lab.in(lab.inside1, "python3", script, "client", "udp:P" + probe + ":" + port + ":1:20:5");
            try {
                lab.in(lab.firewall, "conntrack", "-D", "-p", "udp", "--orig-port-src", port);
            } catch (IOException alreadyGone) {
                // expired already: the next probe
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < deadline) {
                if (Eventually.linesSoFar(conntrackLog).stream().anyMatch(l -> l.contains("," + port + " "))) return probe + 1;
                Thread.sleep(50);
            }
        }
        throw new AssertionError("conntrack mode logged none of 20 probes");
    }

    private static void listConntrack(NatLab lab) {
        try {
            lab.in(lab.firewall, "conntrack", "-L");
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The flows of one mode's output by name, each exactly once; probes (source port 43000 and up) left out. */
    private Map<String, NatlogFields> flowsOnce(List<String> output, int probes) {
        Map<String, String> names = KEYS.entrySet().stream().collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
        Map<String, NatlogFields> flows = new HashMap<>();
        for (String line : output) {
            NatlogFields f = reader.read(line);
            if (f == null) continue;
            if (f.source().port() >= 43000 && f.source().port() < 43000 + probes) continue;
            String name = names.get(key(f));
            assertThat(name).as("a flow of the known traffic: " + line).isNotNull();
            assertThat(flows.put(name, f)).as(name + " logged once").isNull();
        }
        return flows;
    }

    private Set<String> keysLogged(Path log) {
        return Eventually.linesSoFar(log).stream().map(reader::read).filter(f -> f != null).map(LiveNatTest::key).collect(Collectors.toSet());
    }

    private static Set<String> keys(Set<String> flows) {
        return flows.stream().map(KEYS::get).collect(Collectors.toSet());
    }

    private static String key(NatlogFields f) {
        String src = plain(f.source().host()), dst = plain(f.destination().host());
        return f.protocol() == Protocol.ICMP ? src + "#4660>" + dst : src + ":" + f.source().port() + ">" + dst + ":" + f.destination().port();
    }

    private static String plain(String paddedIp) {
        return Arrays.stream(paddedIp.split("\\.")).map(o -> Integer.toString(Integer.parseInt(o))).collect(Collectors.joining("."));
    }

    /** "tcp T1 10.77.0.1 41001" lines of the server: the address each flow arrived from. */
    private static Map<String, Integer> viaPortsTheServerSaw(Path serverOut) {
        Map<String, Integer> ports = new HashMap<>();
        for (String line : Eventually.linesSoFar(serverOut)) {
            String[] words = line.split(" ");
            if (words.length == 4 && words[2].equals(NatLab.FIREWALL_OUT)) ports.put(words[1], Integer.parseInt(words[3]));
        }
        return ports;
    }

    private static List<String> statusLines(List<String> output) {
        return output.stream().filter(l -> !l.startsWith("from ")).toList();
    }

    private static void eopLinesComeAfterTheSignal(List<String> output) {
        int signal = output.indexOf("cleanupWrap thread ends"), end = output.indexOf("NatFork::childProcess notifying RotatingStreambuf");
        for (int i = 0; i < output.size(); i++) {
            boolean eop = output.get(i).endsWith(" (EOP)");
            assertThat(eop).as(output.get(i)).isEqualTo(i > signal && i < end);
        }
    }
}
