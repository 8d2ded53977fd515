import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.ZoneOffset;
import org.wirelog.read.LogInputs;
import org.wirelog.read.LogReader;
import org.wirelog.read.ReadOptions;

/**
 * Reads logs with wirelog's reader, counting records only, three passes (the first warms the JIT up). Prints
 * lines per second of wall time and per second of the reading thread's CPU time: on a shared machine the wall
 * time counts the other programs' turns too, the CPU time only this reader's.
 */
public class ReadSpeed {
    public static void main(String[] args) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int pass = 1; pass <= 3; pass++) {
            long[] records = {0};
            LogReader reader = new LogReader(new ReadOptions(2026, ZoneOffset.UTC, null), r -> records[0]++, p -> { });
            long start = System.nanoTime(), cpuStart = threads.getCurrentThreadCpuTime();
            for (LogInputs.Input input : LogInputs.of(java.util.List.of(args), System.in)) reader.read(input);
            reader.finish();
            double seconds = (System.nanoTime() - start) / 1e9, cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            System.out.printf("pass %d: %d lines, %d records, %d unreadable in %.2f s wall, %.2f s CPU: %.0f lines/s wall, %.0f lines/s CPU%n",
                    pass, reader.lines(), records[0], reader.unread(), seconds, cpu, reader.lines() / seconds, reader.lines() / cpu);
        }
    }
}
