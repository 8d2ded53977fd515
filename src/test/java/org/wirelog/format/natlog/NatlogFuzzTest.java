package org.wirelog.format.natlog;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import org.wirelog.testing.Invariant;

/**
 * natlog's logs under a coverage-guided fuzzer: a connection line reads into fields or null (a status line),
 * a table into rows; what cannot be read is an {@link IllegalArgumentException} that says what, never another
 * exception. Seeds: natlog's reference output.
 */
public class NatlogFuzzTest {

    private final NatlogLineReader lines = new NatlogLineReader(2026, ZoneOffset.ofHours(1));

    @FuzzTest
    public void connectionLine(byte[] line) {
        try {
            NatlogFields fields = lines.read(new String(line, StandardCharsets.UTF_8));
            if (fields != null) Invariant.holds(fields.closed() != null, "fields.closed() is there");
        } catch (IllegalArgumentException e) {
            Invariant.says(e);
        }
    }

    /** A header (or none: the table is guessed from its first row), then rows. */
    @FuzzTest
    public void table(byte[] file) {
        List<String> rows = new String(file, StandardCharsets.UTF_8).lines().toList();
        if (rows.isEmpty()) return;
        try {
            NatlogTableReader table = NatlogTableReader.isHeader(rows.getFirst()) ? NatlogTableReader.ofHeader(rows.getFirst())
                    : NatlogTableReader.guessed(rows.getFirst());
            for (String row : rows.subList(1, rows.size())) {
                if (NatlogTableReader.looksLikeRow(row)) Invariant.holds(table.read(row).closed() != null, "table.read(row).closed() is there");
            }
        } catch (IllegalArgumentException e) {
            Invariant.says(e);
        }
    }
}
