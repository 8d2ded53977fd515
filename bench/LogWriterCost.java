import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import org.wirelog.format.dante.DanteFormat;
import org.wirelog.model.Command;
import org.wirelog.model.EndReason;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Event;
import org.wirelog.model.LinkCounters;
import org.wirelog.model.Protocol;
import org.wirelog.model.Session;
import org.wirelog.model.Traffic;
import org.wirelog.model.Verdict;
import org.wirelog.output.FileDestination;
import org.wirelog.output.Log;
import org.wirelog.output.Output;

/**
 * What the log costs per line, apart from any relay: two paced threads emit a SOCKS CONNECT's four events (the
 * accept's and the connect's [: and ]:) into a real {@link Log} writing a Dante log file, and each round prints the
 * writer thread's CPU per line and the emitters' time inside {@code emit} per line.
 * Run: java -cp target/wirelog.jar bench/LogWriterCost.java [BY_EMITTERS|BY_WRITER] [LINES_PER_SECOND=40000] [ROUNDS=6]
 */
public class LogWriterCost {

    private static final int EMITTERS = 2, SECONDS = 5;

    public static void main(String[] args) throws Exception {
        Log.Rendering rendering = Log.Rendering.valueOf(args.length > 0 ? args[0] : "BY_EMITTERS");
        int linesPerSecond = args.length > 1 ? Integer.parseInt(args[1]) : 40_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        Path file = Files.createTempFile("wirelog-cost", ".log");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Log log = new Log(List.of(Output.all(DanteFormat.forThisProcess(), new FileDestination(file))), System.err, rendering)) {
            long writer = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("wirelog-log"))
                    .findFirst().orElseThrow().threadId();
            for (int round = 0; round < rounds; round++) {
                long writerBefore = threads.getThreadCpuTime(writer);
                long[] lines = new long[EMITTERS], emitNanos = new long[EMITTERS];
                long end = System.nanoTime() + SECONDS * 1_000_000_000L;
                Thread[] emitters = new Thread[EMITTERS];
                for (int k = 0; k < EMITTERS; k++) {
                    int emitter = k;
                    emitters[k] = Thread.ofPlatform().start(() -> emit(log, emitter, linesPerSecond, end, lines, emitNanos));
                }
                for (Thread t : emitters) t.join();
                log.sync();
                long total = lines[0] + lines[1];
                System.out.printf("%s round %d: %d lines/s, writer %.0f ns/line, emit %.0f ns/line%n", rendering, round,
                        total / SECONDS, (threads.getThreadCpuTime(writer) - writerBefore) / (double) total,
                        (emitNanos[0] + emitNanos[1]) / (double) total);
                Files.write(file, new byte[0]);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** One emitter: sessions at its share of the pace, each with some garbage, as a relay makes. */
    private static void emit(Log log, int emitter, int linesPerSecond, long end, long[] lines, long[] emitNanos) {
        Random random = new Random(emitter);
        InetAddress proxy = InetAddress.ofLiteral("127.0.0.1");
        long step = 4L * EMITTERS * 1_000_000_000L / linesPerSecond, next = System.nanoTime();
        while (System.nanoTime() < end) {
            Instant now = Instant.now();
            Endpoint client = Endpoint.of(InetAddress.ofLiteral("127.0.0." + (1 + random.nextInt(3))), 30000 + random.nextInt(30000));
            Endpoint internal = Endpoint.of(proxy, 1080);
            Session accept = Session.of(Command.ACCEPT, Verdict.pass(1), client, internal, now);
            Session connect = new Session(Session.nextId(), Protocol.TCP, Command.CONNECT, Verdict.pass(1), client, internal,
                    Endpoint.of(proxy, 40000 + random.nextInt(20000)), null, null, Endpoint.of(proxy, 7), now);
            Traffic traffic = new Traffic(LinkCounters.bytes(64, 64), LinkCounters.bytes(64, 64));
            EndReason closed = EndReason.of(EndReason.Kind.CLIENT_CLOSED);
            List<Event> events = List.of(new Event.SessionOpened(now, accept), new Event.SessionOpened(now, connect),
                    new Event.SessionClosed(Instant.now(), connect, traffic, closed),
                    new Event.SessionClosed(Instant.now(), accept, traffic, closed));
            long before = System.nanoTime();
            events.forEach(log::emit);
            emitNanos[emitter] += System.nanoTime() - before;
            lines[emitter] += events.size();
            byte[] garbage = new byte[4096];
            garbage[random.nextInt(garbage.length)] = 1;
            next += step;
            long ahead = next - System.nanoTime();
            if (ahead > 1_000_000) LockSupport.parkNanos(ahead);
        }
    }
}
