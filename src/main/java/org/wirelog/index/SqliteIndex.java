package org.wirelog.index;

import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.wirelog.query.ConnectionStore;
import org.wirelog.read.LogKind;
import org.wirelog.read.Origin;
import org.wirelog.read.Record;
import org.wirelog.read.Record.PacketSeen;

/**
 * The records of many logs in one SQLite file ({@code wirelog index --db}), for repeated questions over
 * log sets too large to read for each. A connection is a row keyed by its outside endpoint and begin,
 * holding the whole record ({@link RecordCodec}); a packet is a row keyed by each of its addresses, holding
 * its line, which reads back into the same entry.
 *
 * <p>The time range of a lookup must meet each connection's span, which an index on the begin alone
 * cannot find without scanning from the oldest row: so each row also has its <em>lasting class</em> k
 * (it lasted less than 2^k seconds), and a lookup is one index range per class present: begins from
 * {@code from - 2^k s} to {@code to}. A lookup therefore reads about as many rows as it returns, whatever
 * the size of the index.
 */
public final class SqliteIndex implements ConnectionStore, AutoCloseable {

    /** The class of a connection with no end or no begin: it may meet any time before its begin. */
    static final int UNBOUNDED = 63;

    private static final String[] SCHEMA = {
            "CREATE TABLE IF NOT EXISTS files (id INTEGER PRIMARY KEY, name TEXT NOT NULL, size INTEGER NOT NULL,"
                    + " modified INTEGER NOT NULL, records INTEGER NOT NULL DEFAULT 0)",
            "CREATE TABLE IF NOT EXISTS connections (address BLOB NOT NULL, port INTEGER NOT NULL, lasting INTEGER NOT NULL,"
                    + " begin_us INTEGER, end_us INTEGER, file INTEGER NOT NULL, line INTEGER NOT NULL, record BLOB NOT NULL)",
            "CREATE INDEX IF NOT EXISTS connections_by_endpoint ON connections (address, port, lasting, begin_us)",
            "CREATE INDEX IF NOT EXISTS connections_by_address ON connections (address, lasting, begin_us)",
            "CREATE TABLE IF NOT EXISTS packets (source BLOB NOT NULL, source_port INTEGER, destination BLOB NOT NULL,"
                    + " destination_port INTEGER, time_us INTEGER, kind INTEGER NOT NULL, file INTEGER NOT NULL, line INTEGER NOT NULL,"
                    + " text TEXT NOT NULL)",
            "CREATE INDEX IF NOT EXISTS packets_by_source ON packets (source, time_us)",
            "CREATE INDEX IF NOT EXISTS packets_by_destination ON packets (destination, time_us)",
            // Which lasting classes rows have: a lookup asks only those.
            "CREATE TABLE IF NOT EXISTS lasting (class INTEGER PRIMARY KEY)"};

    private final Connection db;
    private final Map<Long, String> fileNames = new HashMap<>();
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private int[] classes;

    private SqliteIndex(Connection db) {
        this.db = db;
    }

    /** Opens the index, creating the file and its tables when they are not there. */
    public static SqliteIndex open(Path file) throws SQLException {
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA cache_size=-65536");
            // Pages read through the mapping, not a read(2) each: a question visits pages all over the file.
            s.execute("PRAGMA mmap_size=2147418112");
            for (String sql : SCHEMA) s.execute(sql);
        } catch (SQLException e) {
            db.close();
            throw e;
        }
        return new SqliteIndex(db);
    }

    /** The look-ups of one question in one read transaction: one snapshot, one lock, not one per look-up. */
    @Override
    public <T> T atOnce(Supplier<T> question) {
        try {
            db.setAutoCommit(false);
            try {
                return question.get();
            } finally {
                db.commit();
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IndexException("reading the index", e);
        }
    }

    /** Adds the records of more logs; one writer at a time. */
    public IndexWriter writer() throws SQLException {
        classes = null;
        return new IndexWriter(db);
    }

    /** How many connections and packets the index holds. */
    public long size() throws SQLException {
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT (SELECT count(*) FROM connections) + (SELECT count(*) FROM packets)")) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    @Override
    public List<Record.Connection> outside(InetAddress address, Integer port, Instant from, Instant to) {
        long fromUs = micros(from), toUs = micros(to);
        List<Record.Connection> found = new ArrayList<>();
        try {
            // Most hops of a chain end at an endpoint no log shows on the outside: one probe says so, where the
            // look-up by lasting class would ask one range per class, all empty.
            if (port != null && !anyRow(address, port)) return found;
            for (int k : classes()) {
                boolean unbounded = k == UNBOUNDED;
                // Two shapes, so that a bounded class is one range of the index, not a scan of the endpoint's rows.
                PreparedStatement q = statement((port == null ? "address " : "endpoint ") + unbounded,
                        () -> "SELECT record, file, line FROM connections WHERE address = ?" + (port == null ? "" : " AND port = ?")
                                + " AND lasting = ? AND " + (unbounded ? "(begin_us IS NULL OR begin_us <= ?)" : "begin_us BETWEEN ? AND ?")
                                + " AND (end_us IS NULL OR end_us >= ?)");
                int i = 1;
                q.setBytes(i++, address.getAddress());
                if (port != null) q.setInt(i++, port);
                q.setInt(i++, k);
                if (!unbounded) q.setLong(i++, saturated(fromUs, -(1_000_000L << k)));
                q.setLong(i++, toUs);
                q.setLong(i, fromUs);
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        Record.Connection c = RecordCodec.decode(r.getBytes(1), new Origin(fileName(r.getLong(2)), r.getLong(3)));
                        if (ConnectionStore.meets(c.begin(), c.end(), from, to)) found.add(c);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IndexException("looking up " + address.getHostAddress() + " in the index", e);
        }
        found.sort(BY_BEGIN);
        return found;
    }

    private boolean anyRow(InetAddress address, int port) throws SQLException {
        PreparedStatement q = statement("endpoint any", () -> "SELECT 1 FROM connections WHERE address = ? AND port = ? LIMIT 1");
        q.setBytes(1, address.getAddress());
        q.setInt(2, port);
        try (ResultSet r = q.executeQuery()) {
            return r.next();
        }
    }

    @Override
    public List<PacketSeen> packets(InetAddress address, Integer port, Instant from, Instant to) {
        List<PacketSeen> found = new ArrayList<>();
        for (String side : List.of("source", "destination")) {
            try {
                PreparedStatement q = statement("packets " + side + (port == null ? "" : " port"),
                        () -> "SELECT time_us, kind, file, line, text FROM packets WHERE " + side + " = ?"
                                + (port == null ? "" : " AND " + side + "_port = ?") + " AND (time_us IS NULL OR time_us BETWEEN ? AND ?)");
                int i = 1;
                q.setBytes(i++, address.getAddress());
                if (port != null) q.setInt(i++, port);
                q.setLong(i++, micros(from));
                q.setLong(i, micros(to));
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        long time = r.getLong(1);
                        Instant at = r.wasNull() ? null : Instant.ofEpochSecond(Math.floorDiv(time, 1_000_000), Math.floorMod(time, 1_000_000) * 1000L);
                        PacketSeen p = PacketSeen.read(new Origin(fileName(r.getLong(3)), r.getLong(4)), LogKind.values()[r.getInt(2)], at,
                                r.getString(5));
                        var packet = p.entry().packet();
                        // Found already from its source side: a packet from the endpoint to itself.
                        boolean fromItself = packet.ip().source().equals(address) && (port == null || port.equals(packet.sourcePort()));
                        if (side.equals("source") || !fromItself) found.add(p);
                    }
                }
            } catch (SQLException e) {
                throw new IndexException("looking up packets of " + address.getHostAddress() + " in the index", e);
            }
        }
        return found;
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement q : statements.values()) q.close();
        db.close();
    }

    /** One prepared statement per shape of lookup, kept for the next question (a chain asks several). */
    private PreparedStatement statement(String shape, Supplier<String> sql) throws SQLException {
        PreparedStatement q = statements.get(shape);
        if (q == null) {
            q = db.prepareStatement(sql.get());
            statements.put(shape, q);
        }
        return q;
    }

    private int[] classes() throws SQLException {
        if (classes == null) {
            List<Integer> present = new ArrayList<>();
            try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT class FROM lasting ORDER BY class")) {
                while (r.next()) present.add(r.getInt(1));
            }
            classes = present.stream().mapToInt(Integer::intValue).toArray();
        }
        return classes;
    }

    private String fileName(long id) throws SQLException {
        String name = fileNames.get(id);
        if (name != null) return name;
        try (PreparedStatement q = db.prepareStatement("SELECT name FROM files WHERE id = ?")) {
            q.setLong(1, id);
            try (ResultSet r = q.executeQuery()) {
                name = r.next() ? r.getString(1) : "?";
            }
        }
        fileNames.put(id, name);
        return name;
    }

    /** Microseconds since the epoch, rounded down; times beyond a long's range (Instant.MIN/MAX) to its ends. */
    static long micros(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
        } catch (ArithmeticException e) {
            return t.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static long saturated(long value, long delta) {
        try {
            return Math.addExact(value, delta);
        } catch (ArithmeticException e) {
            return delta < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
