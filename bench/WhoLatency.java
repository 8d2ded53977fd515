import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.wirelog.index.SqliteIndex;
import org.wirelog.query.EndpointArgument;
import org.wirelog.query.Who;

/**
 * Asks an index {@code N} random "who was IP:PORT at T" questions (the data of QueryData natlog: 4 outside
 * addresses, 30 days) and then as many for the whole address over a minute; prints the latencies.
 */
public class WhoLatency {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[1]);
        Random r = new Random(7);
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        try (SqliteIndex index = SqliteIndex.open(Path.of(args[0]))) {
            Who who = new Who(index);
            for (boolean withPort : new boolean[] {true, false}) {
                long[] nanos = new long[n];
                long found = 0;
                for (int i = 0; i < n; i++) {
                    var asked = new EndpointArgument(InetAddress.ofLiteral("198.51.100." + (1 + r.nextInt(4))), withPort ? 1024 + r.nextInt(64000) : null);
                    Instant at = t0.plusSeconds(r.nextInt(30 * 86400));
                    long start = System.nanoTime();
                    found += who.ask(asked, at, withPort ? Duration.ofSeconds(1) : Duration.ofSeconds(30)).chains().size();
                    nanos[i] = System.nanoTime() - start;
                }
                Arrays.sort(nanos);
                System.out.printf("%s: %d questions, %d connections found; median %.2f ms, p99 %.2f ms, max %.2f ms%n",
                        withPort ? "IP:PORT, window 1s" : "IP alone, window 30s", n, found, nanos[n / 2] / 1e6, nanos[n * 99 / 100] / 1e6,
                        nanos[n - 1] / 1e6);
            }
        }
    }
}
