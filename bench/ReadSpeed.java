import java.lang.management.ManagementFactory;
import java.time.ZoneOffset;
import org.wirelog.read.LogInputs;
import org.wirelog.read.LogReader;
import org.wirelog.read.ReadOptions;

/**
 * Reads logs with wirelog's reader, counting records only, three passes ({@code -Dpasses=N}; the first warms the JIT up). Prints
 * lines per second of wall time and per second of the reading thread's CPU time: on a shared machine the wall
 * time counts the other programs' turns too, the CPU time only this reader's. The bytes allocated per line do
 * not depend on the machine's load: the steadiest figure to compare two versions of the reader by.
 */
public class ReadSpeed {
    public static void main(String[] args) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int pass = 1, passes = Integer.getInteger("passes", 3); pass <= passes; pass++) {
            long[] records = {0};
            LogReader reader = new LogReader(new ReadOptions(2026, ZoneOffset.UTC, null), r -> records[0]++, p -> { });
            long start = System.nanoTime(), cpuStart = threads.getCurrentThreadCpuTime();
            long allocatedStart = threads.getCurrentThreadAllocatedBytes();
            for (LogInputs.Input input : LogInputs.of(java.util.List.of(args), System.in)) reader.read(input);
            reader.finish();
            double seconds = (System.nanoTime() - start) / 1e9, cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedStart;
            System.out.printf("pass %d: %d lines, %d records, %d unreadable in %.2f s wall, %.2f s CPU: %.0f lines/s wall, %.0f lines/s CPU, %d bytes allocated per line%n",
                    pass, reader.lines(), records[0], reader.unread(), seconds, cpu, reader.lines() / seconds, reader.lines() / cpu,
                    allocated / Math.max(1, reader.lines()));
        }
    }
}
