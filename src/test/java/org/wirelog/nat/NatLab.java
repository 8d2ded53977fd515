package org.wirelog.nat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The reference lab's network, built in namespaces of its own and removed at {@link #close()}: two
 * inside hosts (192.168.77.2 and .3) on the firewall's bridge {@code fwin} (192.168.77.1/24), the
 * firewall masquerading what leaves by {@code fwout} (10.77.0.1/24) with nft, and an outside host
 * (10.77.0.2) with no route back to the inside. The firewall's conntrack forgets closed and idle
 * entries within seconds, so that their DESTROY events come while a test waits. Public for the tests of
 * other packages that need a real NAT (the end-to-end attribution of {@code wirelog who}).
 */
public final class NatLab implements AutoCloseable {

    public static final String INSIDE1 = "192.168.77.2", INSIDE2 = "192.168.77.3", FIREWALL_OUT = "10.77.0.1", OUTSIDE = "10.77.0.2";

    private final String prefix = "wlnat" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    public final String inside1 = prefix + "-in1", inside2 = prefix + "-in2", firewall = prefix + "-fw", outside = prefix + "-out";
    private final List<String> created = new ArrayList<>();
    private final List<Process> started = new ArrayList<>();

    /** True when this process may create network namespaces and has the tools the lab uses. */
    public static String unavailable() {
        try {
            if (!new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).strip().equals("0")) {
                return "not root";
            }
            for (String tool : List.of("/usr/sbin/conntrack", "/usr/sbin/nft", "/usr/bin/tcpdump")) {
                if (!Files.isExecutable(Path.of(tool))) return tool + " is not installed";
            }
            String probe = "wlnatprobe" + ProcessHandle.current().pid();
            if (new ProcessBuilder("ip", "netns", "add", probe).start().waitFor() != 0) return "cannot create network namespaces";
            new ProcessBuilder("ip", "netns", "del", probe).start().waitFor();
            return null;
        } catch (IOException | InterruptedException e) {
            return "cannot probe for network namespaces: " + e.getMessage();
        }
    }

    public static NatLab build() throws IOException, InterruptedException {
        NatLab lab = new NatLab();
        try {
            lab.setUp();
            return lab;
        } catch (IOException | InterruptedException | RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    private void setUp() throws IOException, InterruptedException {
        for (String ns : List.of(inside1, inside2, firewall, outside)) {
            run("ip", "netns", "add", ns);
            created.add(ns);
            in(ns, "ip", "link", "set", "lo", "up");
        }
        in(firewall, "ip", "link", "add", "fwin", "type", "bridge");
        in(firewall, "ip", "addr", "add", "192.168.77.1/24", "dev", "fwin");
        in(firewall, "ip", "link", "set", "fwin", "up");
        insideHost(inside1, INSIDE1, "vin1");
        insideHost(inside2, INSIDE2, "vin2");
        in(firewall, "ip", "link", "add", "fwout", "type", "veth", "peer", "name", "out0", "netns", outside);
        in(firewall, "ip", "addr", "add", FIREWALL_OUT + "/24", "dev", "fwout");
        in(firewall, "ip", "link", "set", "fwout", "up");
        in(outside, "ip", "addr", "add", OUTSIDE + "/24", "dev", "out0");
        in(outside, "ip", "link", "set", "out0", "up");
        in(firewall, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        Path rules = Files.createTempFile("wlnat", ".nft");
        Files.writeString(rules, """
                table ip nat {
                    chain postrouting {
                        type nat hook postrouting priority srcnat;
                        oifname "fwout" ip saddr 192.168.77.0/24 masquerade
                    }
                }
                """);
        try {
            in(firewall, "nft", "-f", rules.toString());
        } finally {
            Files.delete(rules);
        }
        for (String timeout : List.of("tcp_timeout_time_wait", "tcp_timeout_close", "tcp_timeout_close_wait", "tcp_timeout_fin_wait",
                "tcp_timeout_last_ack", "udp_timeout", "udp_timeout_stream", "icmp_timeout")) {
            in(firewall, "sysctl", "-q", "-w", "net.netfilter.nf_conntrack_" + timeout + "=1");
        }
    }

    private void insideHost(String ns, String address, String bridgePort) throws IOException, InterruptedException {
        in(ns, "ip", "link", "add", "eth0", "type", "veth", "peer", "name", bridgePort, "netns", firewall);
        in(ns, "ip", "addr", "add", address + "/24", "dev", "eth0");
        in(ns, "ip", "link", "set", "eth0", "up");
        in(ns, "ip", "route", "add", "default", "via", "192.168.77.1");
        in(firewall, "ip", "link", "set", bridgePort, "master", "fwin", "up");
    }

    /** Runs a command in namespace {@code ns} to its end; a failure is an exception with what it printed. */
    public String in(String ns, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        return run(full.toArray(String[]::new));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not end");
        }
        if (p.exitValue() != 0) throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + output);
        return output;
    }

    /** Starts a command in namespace {@code ns}, output to {@code stdout}; it is ended at {@link #close()} if still running. */
    public Process start(String ns, Path stdout, String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(stdout.toFile()).start();
        started.add(p);
        return p;
    }

    @Override
    public void close() throws IOException {
        for (Process p : started) {
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String ns : created) {
            try {
                run("ip", "netns", "del", ns);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
