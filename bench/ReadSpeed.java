import java.nio.file.Path;
import java.time.ZoneOffset;
import org.wirelog.read.LogInputs;
import org.wirelog.read.LogReader;
import org.wirelog.read.ReadOptions;

/** Reads logs with wirelog's reader, counting records only; prints lines per second (after one warm-up pass). */
public class ReadSpeed {
    public static void main(String[] args) throws Exception {
        for (int pass = 1; pass <= 2; pass++) {
            long[] records = {0};
            LogReader reader = new LogReader(new ReadOptions(2026, ZoneOffset.UTC, null), r -> records[0]++, p -> { });
            long start = System.nanoTime();
            for (LogInputs.Input input : LogInputs.of(java.util.List.of(args), System.in)) reader.read(input);
            reader.finish();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("pass %d: %d lines, %d records, %d unreadable in %.2f s: %.0f lines/s%n", pass, reader.lines(), records[0],
                    reader.unread(), seconds, reader.lines() / seconds);
        }
    }
}
