package org.wirelog.format.natlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;

/**
 * natlog's logs under a coverage-guided fuzzer: a connection line reads into fields or null (a status line),
 * a table into rows; what cannot be read is an {@link IllegalArgumentException} that says what, never another
 * exception. Seeds: natlog's reference output.
 */
class NatlogFuzzTest {

    private final NatlogLineReader lines = new NatlogLineReader(2026, ZoneOffset.ofHours(1));

    @FuzzTest
    void connectionLine(byte[] line) {
        try {
            NatlogFields fields = lines.read(new String(line, StandardCharsets.UTF_8));
            if (fields != null) assertThat(fields.closed()).isNotNull();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    /** A header (or none: the table is guessed from its first row), then rows. */
    @FuzzTest
    void table(byte[] file) {
        List<String> rows = new String(file, StandardCharsets.UTF_8).lines().toList();
        if (rows.isEmpty()) return;
        try {
            NatlogTableReader table = NatlogTableReader.isHeader(rows.getFirst()) ? NatlogTableReader.ofHeader(rows.getFirst())
                    : NatlogTableReader.guessed(rows.getFirst());
            for (String row : rows.subList(1, rows.size())) {
                if (NatlogTableReader.looksLikeRow(row)) assertThat(table.read(row).closed()).isNotNull();
            }
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
