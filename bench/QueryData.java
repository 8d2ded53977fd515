import java.io.BufferedWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.wirelog.format.dante.DanteFormat;
import org.wirelog.format.natlog.Columns;
import org.wirelog.format.natlog.NatlogFields;
import org.wirelog.format.natlog.NatlogLineFormat;
import org.wirelog.format.natlog.NatlogStatus;
import org.wirelog.format.natlog.TimeStyle;
import org.wirelog.model.Command;
import org.wirelog.model.EndReason;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Event;
import org.wirelog.model.Identity;
import org.wirelog.model.LinkCounters;
import org.wirelog.model.Protocol;
import org.wirelog.model.Session;
import org.wirelog.model.Traffic;
import org.wirelog.model.Verdict;

/**
 * Writes a benchmark log with wirelog's own writers: {@code dante N FILE} (N sessions, an opening and a closing
 * line each, 100 open at a time) or {@code natlog N FILE} (N translations behind 4 outside addresses, 30 days).
 * Seeded: the same arguments give the same file. The last line on stdout: a question whose answer is known.
 */
public class QueryData {
    public static void main(String[] args) throws Exception {
        String kind = args[0];
        long n = Long.parseLong(args[1]);
        Path file = Path.of(args[2]);
        Random r = new Random(42);
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        long spanMicros = 30L * 86400 * 1_000_000;
        try (BufferedWriter out = Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE)) {
            if (kind.equals("dante")) {
                DanteFormat dante = new DanteFormat("danted", 4242, ZoneOffset.UTC);
                Session[] open = new Session[100];
                for (long i = 0; i < n + open.length; i++) {
                    int slot = (int) (i % open.length);
                    Instant now = t0.plusNanos(i * 1000_000L);
                    if (open[slot] != null) {
                        Session s = open[slot];
                        Event closed = new Event.SessionClosed(now, s, new Traffic(LinkCounters.bytes(r.nextInt(100000), r.nextInt(2000)),
                                LinkCounters.bytes(r.nextInt(2000), r.nextInt(100000))), EndReason.of(EndReason.Kind.CLIENT_CLOSED));
                        out.write(dante.line(closed, dante.message(closed)));
                        out.newLine();
                        open[slot] = null;
                    }
                    if (i >= n) continue;
                    Endpoint client = ep("10.1." + r.nextInt(256) + "." + r.nextInt(256), 1024 + r.nextInt(60000));
                    if (r.nextInt(4) == 0) client = client.withIdentity(new Identity("username", "user" + r.nextInt(1000)));
                    Session s = new Session(i, Protocol.TCP, Command.CONNECT, Verdict.pass(1), client, ep("10.0.0.1", 1080),
                            ep("192.168.77.2", 1024 + r.nextInt(60000)), null, null, ep("203.0.113." + r.nextInt(256), 443), now);
                    Event opened = new Event.SessionOpened(now, s);
                    out.write(dante.line(opened, dante.message(opened)));
                    out.newLine();
                    open[slot] = s;
                }
            } else {
                NatlogLineFormat natlog = new NatlogLineFormat(TimeStyle.RAW, ZoneOffset.UTC, Columns.ALL);
                String question = null;
                for (long i = 0; i < n; i++) {
                    Instant begin = t0.plusNanos(spanMicros * i / n * 1000);
                    long lasted = r.nextInt(10) == 0 ? r.nextLong(7_200_000_000L) : r.nextLong(30_000_000L);
                    Endpoint via = ep("198.51.100." + (1 + r.nextInt(4)), 1024 + r.nextInt(64000));
                    NatlogFields f = new NatlogFields(Protocol.TCP, ep("192.168." + r.nextInt(256) + "." + r.nextInt(256), 1024 + r.nextInt(60000)),
                            via, ep("203.0.113." + r.nextInt(256), 443), r.nextInt(100000), r.nextInt(1000000), begin,
                            begin.plusNanos(lasted * 1000), NatlogStatus.OK);
                    out.write(natlog.line(f));
                    out.newLine();
                    if (i == n / 2) question = via.host() + ":" + via.port() + " @" + (begin.getEpochSecond()) + " " + f.source().host() + ":" + f.source().port();
                }
                System.out.println(question);
            }
        }
    }

    private static Endpoint ep(String ip, int port) {
        return Endpoint.of(InetAddress.ofLiteral(ip), port);
    }
}
