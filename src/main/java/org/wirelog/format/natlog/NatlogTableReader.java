package org.wirelog.format.natlog;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wirelog.format.natlog.NatlogTableFormat.Column;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Protocol;

/**
 * Reads the rows of natlog's {@code --log-data} table, whose columns its header names: 3.00's 17, 2.03's 14
 * (no via), or any subset {@code --no-bytes}, {@code --no-via} and {@code --no-dst} leave. Without a header
 * (a file read from the middle) the number of cells decides: 17 is 3.00, 14 is 2.03.
 * Addresses may be zero-padded (3.00) or not (2.03). A column a table lacks reads as
 * {@link Endpoint#UNSET} or 0 bytes.
 */
public final class NatlogTableReader {

    public static final NatlogTableReader NATLOG_3 = new NatlogTableReader(List.of(Column.values()));

    /** natlog 2.03's columns, as its page lists them: 3.00's without the via. */
    public static final NatlogTableReader NATLOG_2 = new NatlogTableReader(List.of(Column.values()).stream()
            .filter(c -> c != Column.VIA_NR && c != Column.VIA_IP && c != Column.VIA_PORT).toList());

    private final List<Column> columns;

    private NatlogTableReader(List<Column> columns) {
        this.columns = columns;
    }

    /** A header line: {@code type,} then column titles. */
    public static boolean isHeader(String line) {
        return line.stripLeading().startsWith("type,");
    }

    /** @throws IllegalArgumentException naming a title that is no natlog column */
    public static NatlogTableReader ofHeader(String header) {
        List<Column> columns = new ArrayList<>();
        for (String title : header.split(",")) {
            Column c = Column.titled(title.trim());
            if (c == null) throw new IllegalArgumentException("not a natlog column: " + title.trim());
            columns.add(c);
        }
        return new NatlogTableReader(List.copyOf(columns));
    }

    /** A row that could be one: it starts with a protocol and a comma. */
    public static boolean looksLikeRow(String line) {
        String s = line.stripLeading();
        return s.startsWith("tcp,") || s.startsWith("udp,") || s.startsWith("icmp,");
    }

    /** The reader for a row of a table whose header was not seen. */
    public static NatlogTableReader guessed(String row) {
        return row.split(",").length == NATLOG_2.columns.size() ? NATLOG_2 : NATLOG_3;
    }

    /** @throws IllegalArgumentException when the row does not have this table's cells */
    public NatlogFields read(String row) {
        String[] cells = row.split(",");
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + columns.size() + " columns");
        }
        Map<Column, String> cell = new EnumMap<>(Column.class);
        for (int i = 0; i < cells.length; i++) cell.put(columns.get(i), cells[i].trim());
        var protocol = Protocol.valueOf(cell.get(Column.TYPE).toUpperCase(Locale.ROOT));
        return new NatlogFields(protocol, endpoint(cell, Column.SRC_IP, Column.SRC_PORT),
                endpoint(cell, Column.VIA_IP, Column.VIA_PORT), endpoint(cell, Column.DST_IP, Column.DST_PORT),
                count(cell, Column.SENT), count(cell, Column.RECVD), time(cell, Column.BEGIN, Column.BEGIN_TIME),
                time(cell, Column.END, Column.END_TIME), NatlogStatus.fromWord(cell.get(Column.STATUS)));
    }

    private static Endpoint endpoint(Map<Column, String> cell, Column ip, Column port) {
        String address = cell.get(ip);
        return address == null ? Endpoint.UNSET : NatlogFields.parseEndpoint(address, Integer.parseInt(cell.get(port)));
    }

    private static long count(Map<Column, String> cell, Column column) {
        String text = cell.get(column);
        return text == null ? 0 : Long.parseLong(text);
    }

    /** Whole seconds from one column, the microseconds from the end of the clock column. */
    private static Instant time(Map<Column, String> cell, Column seconds, Column clock) {
        String text = cell.get(clock);
        if (text == null) throw new IllegalArgumentException("a table without the column for the microseconds of " + seconds);
        long micros = Long.parseLong(text.substring(text.lastIndexOf(':') + 1));
        try {
            return Instant.ofEpochSecond(Long.parseLong(cell.get(seconds)), micros * 1000);
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("not a time natlog writes: " + cell.get(seconds) + " seconds, " + text);
        }
    }
}
