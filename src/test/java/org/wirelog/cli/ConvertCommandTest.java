package org.wirelog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.model.Command;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Session;
import org.wirelog.read.LogReader;
import org.wirelog.read.Problem;
import org.wirelog.read.ReadOptions;
import org.wirelog.read.Record;
import org.wirelog.read.Record.Connection;

/**
 * {@code wirelog convert}: a Dante log and a natlog log converted to Dante's and natlog's formats read back
 * into the same connections; JSON and CSV name the same fields for every log.
 */
class ConvertCommandTest {

    private static final String DANTE = """
            Nov 23 12:03:30 (1795435410.250000) danted[42]: info: pass(1): tcp/connect [: username%alice@10.1.0.1.40000 10.1.0.2.1080 -> 192.168.77.2.41001 203.0.113.80.443
            Nov 23 12:03:34 (1795435414.250000) danted[42]: info: pass(1): tcp/connect ]: 2000 -> username%alice@10.1.0.1.40000 10.1.0.2.1080 -> 100, 100 -> 192.168.77.2.41001 203.0.113.80.443 -> 2000: local client closed.  Session duration: 4s
            """;
    private static final String NATLOG = """
            from 1795435412:223822 thru 1795435415:435596:  tcp 192.168.077.002,41001 (via: 010.077.000.001,41001) to 010.077.000.002,8000;  sent:        420, received:       2216
            from 1795435413:000001 thru 1795435443:000001:  udp 192.168.077.003,42001 (via: 010.077.000.001,1024)  to 010.077.000.002,9000;  sent:       1228, received:         48 (EOP)
            """;

    @TempDir
    Path dir;

    @Test
    void danteAndNatlogOutputReadBackIntoTheSameConnections() throws IOException {
        Path dante = Files.writeString(dir.resolve("sockd.log"), DANTE), natlog = Files.writeString(dir.resolve("nat.log"), NATLOG);
        List<Connection> original = read(DANTE + NATLOG);
        assertThat(original).hasSize(3);

        Run toDante = convert("dante", dante, natlog);
        assertThat(toDante.exitCode).isZero();
        assertThat(toDante.out.lines()).hasSize(6).allMatch(l -> l.contains(" wirelog[")).anyMatch(l -> l.contains("tcp/nat [: "));
        // Dante's form has 0.0.0.0.0 for the PROXY-INT a translation lacks, and its own words for natlog's ok and eop.
        List<Connection> readBack = read(toDante.out);
        assertThat(sameButWhere(readBack)).isEqualTo(sameButWhere(original.stream().map(c -> c.session().command() != Command.NAT ? c
                : new Connection(c.origin(), c.kind(), withInternal(c.session(), Endpoint.UNSET), c.end(), c.traffic(),
                        c.status().equals("eop") ? "server exiting" : null, false)).toList()));

        Run toNatlog = convert("natlog", dante, natlog);
        assertThat(toNatlog.exitCode).isZero();
        assertThat(toNatlog.out).isEqualTo(NATLOG);
        assertThat(toNatlog.err).isEqualTo("wirelog convert: 1 records have no natlog form, left out\n");
    }

    @Test
    void jsonAndCsvShowTheSameFieldsForEveryLog() throws IOException {
        Path dante = Files.writeString(dir.resolve("sockd.log"), DANTE), natlog = Files.writeString(dir.resolve("nat.log"), NATLOG);
        Run json = convert("json", dante, natlog);
        assertThat(json.out.lines().toList()).hasSize(3);
        assertThat(json.out.lines().toList().getFirst()).isEqualTo("{\"log\":\"dante\",\"file\":\"" + dante + "\",\"line\":2,\"protocol\":\"tcp\","
                + "\"command\":\"connect\",\"verdict\":\"pass\",\"rule\":1,\"begin\":\"2026-11-23T12:03:30.250Z\",\"end\":\"2026-11-23T12:03:34.250Z\","
                + "\"client\":{\"host\":\"10.1.0.1\",\"port\":40000,\"method\":\"username\",\"user\":\"alice\"},"
                + "\"internal\":{\"host\":\"10.1.0.2\",\"port\":1080},\"external\":{\"host\":\"192.168.77.2\",\"port\":41001},"
                + "\"target\":{\"host\":\"203.0.113.80\",\"port\":443},\"clientLink\":{\"written\":2000,\"read\":100},"
                + "\"targetLink\":{\"written\":100,\"read\":2000},\"status\":\"local client closed\"}");
        Run csv = convert("csv", dante, natlog);
        assertThat(csv.out.lines().toList()).containsExactly(
                "log,file,line,protocol,command,verdict,begin,end,client,user,internal,external,target,sent,received,status",
                "dante," + dante + ",2,tcp,connect,pass(1),2026-11-23T12:03:30.250Z,2026-11-23T12:03:34.250Z,10.1.0.1:40000,alice,10.1.0.2:1080,"
                        + "192.168.77.2:41001,203.0.113.80:443,100,2000,local client closed",
                "natlog," + natlog + ",1,tcp,nat,pass(0),2026-11-23T12:03:32.223822Z,2026-11-23T12:03:35.435596Z,192.168.77.2:41001,,,"
                        + "10.77.0.1:41001,10.77.0.2:8000,420,2216,ok",
                "natlog," + natlog + ",2,udp,nat,pass(0),2026-11-23T12:03:33.000001Z,2026-11-23T12:04:03.000001Z,192.168.77.3:42001,,,"
                        + "10.77.0.1:1024,10.77.0.2:9000,1228,48,eop");
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run convert(String format, Path... logs) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        List<String> args = new ArrayList<>(List.of("convert", "--to", format, "--year", "2026", "--zone", "UTC"));
        for (Path log : logs) args.add(log.toString());
        int code = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private static List<Connection> read(String log) throws IOException {
        List<Connection> records = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        LogReader reader = new LogReader(new ReadOptions(2026, ZoneOffset.UTC, null), (Record r) -> records.add((Connection) r), problems::add);
        reader.read("log", new BufferedReader(new StringReader(log)));
        reader.finish();
        assertThat(problems).isEmpty();
        return records;
    }

    private static Session withInternal(Session s, Endpoint internal) {
        return new Session(s.id(), s.protocol(), s.command(), s.verdict(), s.client(), internal, s.external(), s.nextProxy(), s.lastProxy(),
                s.target(), s.begin());
    }

    /** What a record says, without where it was read nor the session numbers reading gives out. */
    private static List<String> sameButWhere(List<Connection> records) {
        return records.stream().map(c -> {
            var s = c.session();
            return List.of(s.protocol(), s.command(), s.verdict(), s.client(), String.valueOf(s.internal()), s.external(), s.target(),
                    c.begin(), c.end(), String.valueOf(c.traffic()), String.valueOf(c.status())).toString();
        }).sorted().toList();
    }
}
