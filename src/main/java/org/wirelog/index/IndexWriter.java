package org.wirelog.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.wirelog.model.Endpoint;
import org.wirelog.read.Record;
import org.wirelog.read.Record.PacketSeen;

/**
 * Adds records to an {@link SqliteIndex}, in batches and in transactions of {@link #ROWS_PER_TRANSACTION}
 * rows, so that neither memory nor the write-ahead log grows with the logs. A file is marked indexed
 * when its last record is in: indexing it again is skipped, by name, size and modification time.
 */
public final class IndexWriter implements AutoCloseable {

    private static final int ROWS_PER_BATCH = 10_000;
    private static final int ROWS_PER_TRANSACTION = 200_000;
    /** Past 2^42 seconds (139,000 years) a span is taken as unbounded: the shift stays within a long. */
    private static final int LONGEST_CLASS = 42;

    private final Connection db;
    private final PreparedStatement connection;
    private final PreparedStatement packet;
    private final Map<String, Long> fileIds = new HashMap<>();
    private final BitSet classes = new BitSet();
    private long rowsInBatch, rowsInTransaction;
    private long connections, packets, withoutOutside;

    IndexWriter(Connection db) throws SQLException {
        this.db = db;
        db.setAutoCommit(false);
        connection = db.prepareStatement("INSERT INTO connections (address, port, lasting, begin_us, end_us, file, line, record)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        packet = db.prepareStatement("INSERT INTO packets (source, source_port, destination, destination_port, time_us, kind, file,"
                + " line, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    /**
     * Begins a log file.
     *
     * @param size     its size in bytes, or -1 for a stream (never taken as indexed already)
     * @param modified its modification time in milliseconds
     * @return false when it was indexed already: the caller skips it
     */
    public boolean startFile(String name, long size, long modified) throws SQLException {
        if (size >= 0) {
            try (PreparedStatement q = db.prepareStatement("SELECT 1 FROM files WHERE name = ? AND size = ? AND modified = ? AND records >= 0")) {
                q.setString(1, name);
                q.setLong(2, size);
                q.setLong(3, modified);
                try (ResultSet r = q.executeQuery()) {
                    if (r.next()) return false;
                }
            }
        }
        try (PreparedStatement q = db.prepareStatement("INSERT INTO files (name, size, modified, records) VALUES (?, ?, ?, -1)",
                Statement.RETURN_GENERATED_KEYS)) {
            q.setString(1, name);
            q.setLong(2, size);
            q.setLong(3, modified);
            q.executeUpdate();
            try (ResultSet keys = q.getGeneratedKeys()) {
                keys.next();
                fileIds.put(name, keys.getLong(1));
            }
        }
        return true;
    }

    /** Marks a file indexed, with the number of its records. */
    public void finishFile(String name, long records) throws SQLException {
        flush();
        try (PreparedStatement q = db.prepareStatement("UPDATE files SET records = ? WHERE id = ?")) {
            q.setLong(1, records);
            q.setLong(2, fileId(name));
            q.executeUpdate();
        }
    }

    /** A connection with no outside endpoint (an ipprotd entry, a SOCKS tcp/accept, a refused request) is counted, not kept: no lookup finds it. */
    public void add(Record record) throws SQLException {
        switch (record) {
            case Record.Connection c -> {
                Endpoint outside = c.outside();
                if (outside == null || outside.address() == null) {
                    withoutOutside++;
                    return;
                }
                int k = lastingClass(c.begin(), c.end());
                classes.set(k);
                connection.setBytes(1, outside.address().getAddress());
                connection.setInt(2, outside.port());
                connection.setInt(3, k);
                time(connection, 4, c.begin());
                time(connection, 5, c.end());
                connection.setLong(6, fileId(c.origin().file()));
                connection.setLong(7, c.origin().line());
                connection.setBytes(8, RecordCodec.encode(c));
                connection.addBatch();
                connections++;
            }
            case PacketSeen p -> {
                var ip = p.entry().packet().ip();
                packet.setBytes(1, ip.source().getAddress());
                port(packet, 2, p.entry().packet().sourcePort());
                packet.setBytes(3, ip.destination().getAddress());
                port(packet, 4, p.entry().packet().destinationPort());
                time(packet, 5, p.time());
                packet.setInt(6, p.kind().ordinal());
                packet.setLong(7, fileId(p.origin().file()));
                packet.setLong(8, p.origin().line());
                packet.setString(9, p.text());
                packet.addBatch();
                packets++;
            }
        }
        if (++rowsInBatch >= ROWS_PER_BATCH) flush();
    }

    public long connections() {
        return connections;
    }

    public long packets() {
        return packets;
    }

    public long withoutOutside() {
        return withoutOutside;
    }

    /** Writes what is pending and commits. */
    @Override
    public void close() throws SQLException {
        try {
            flush();
            try (PreparedStatement q = db.prepareStatement("INSERT OR IGNORE INTO lasting (class) VALUES (?)")) {
                for (int k = classes.nextSetBit(0); k >= 0; k = classes.nextSetBit(k + 1)) {
                    q.setInt(1, k);
                    q.executeUpdate();
                }
            }
            db.commit();
        } finally {
            connection.close();
            packet.close();
            db.setAutoCommit(true);
        }
    }

    /** k such that the span lasted less than 2^k seconds; {@link SqliteIndex#UNBOUNDED} when it has no begin or no end. */
    static int lastingClass(Instant begin, Instant end) {
        if (begin == null || end == null) return SqliteIndex.UNBOUNDED;
        Duration lasted = Duration.between(begin, end);
        if (lasted.isNegative()) return 0;
        long seconds = lasted.getSeconds() + (lasted.getNano() > 0 ? 1 : 0);
        int k = 64 - Long.numberOfLeadingZeros(seconds);
        return k > LONGEST_CLASS ? SqliteIndex.UNBOUNDED : k;
    }

    private void flush() throws SQLException {
        if (rowsInBatch == 0) return;
        connection.executeBatch();
        packet.executeBatch();
        rowsInTransaction += rowsInBatch;
        rowsInBatch = 0;
        if (rowsInTransaction >= ROWS_PER_TRANSACTION) {
            db.commit();
            rowsInTransaction = 0;
        }
    }

    private long fileId(String name) {
        Long id = fileIds.get(name);
        if (id == null) throw new IllegalStateException("a record of " + name + ", a file not started");
        return id;
    }

    private static void time(PreparedStatement q, int index, Instant t) throws SQLException {
        if (t == null) q.setNull(index, Types.INTEGER); else q.setLong(index, SqliteIndex.micros(t));
    }

    private static void port(PreparedStatement q, int index, Integer port) throws SQLException {
        if (port == null) q.setNull(index, Types.INTEGER); else q.setInt(index, port);
    }
}
