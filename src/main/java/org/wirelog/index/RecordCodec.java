package org.wirelog.index;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.wirelog.model.Command;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Identity;
import org.wirelog.model.LinkCounters;
import org.wirelog.model.Protocol;
import org.wirelog.model.Session;
import org.wirelog.model.Traffic;
import org.wirelog.model.Verdict;
import org.wirelog.read.LogKind;
import org.wirelog.read.Origin;
import org.wirelog.read.Record.Connection;

/**
 * A connection as the bytes of one index row, and back: every field of the record but its origin (the
 * row's own columns). Numbers are written as variable-length integers, so that a typical connection takes
 * some 60 bytes and ten million of them fit an index of a few gigabytes.
 */
final class RecordCodec {

    private RecordCodec() {
    }

    static byte[] encode(Connection c) {
        Out out = new Out();
        Session s = c.session();
        out.number(c.kind().ordinal()).number(s.id()).number(s.protocol().ordinal()).number(s.command().ordinal())
                .number(s.verdict().pass() ? 1 : 0).number(s.verdict().rule());
        for (Endpoint e : new Endpoint[] {s.client(), s.internal(), s.external(), s.nextProxy(), s.lastProxy(), s.target()}) {
            endpoint(out, e);
        }
        instant(out, s.begin());
        instant(out, c.end());
        Traffic t = c.traffic();
        out.number(t == null ? 0 : t.target() == null ? 1 : 2);
        if (t != null) counters(out, t.client());
        if (t != null && t.target() != null) counters(out, t.target());
        return out.text(c.status()).number(c.refused() ? 1 : 0).bytes();
    }

    static Connection decode(byte[] bytes, Origin origin) {
        In in = new In(bytes);
        LogKind kind = LogKind.values()[in.integer()];
        long id = in.number();
        Protocol protocol = Protocol.values()[in.integer()];
        Command command = Command.values()[in.integer()];
        Verdict verdict = new Verdict(in.integer() == 1, in.integer());
        Endpoint client = endpoint(in), internal = endpoint(in), external = endpoint(in), next = endpoint(in), last = endpoint(in),
                target = endpoint(in);
        Session session = new Session(id, protocol, command, verdict, client, internal, external, next, last, target, instant(in));
        Instant end = instant(in);
        int links = in.integer();
        Traffic traffic = links == 0 ? null : new Traffic(counters(in), links == 2 ? counters(in) : null);
        return new Connection(origin, kind, session, end, traffic, in.text(), in.integer() == 1);
    }

    private static final int PRESENT = 1, ADDRESS = 2, HOSTNAME = 4, IDENTITY = 8;

    private static void endpoint(Out out, Endpoint e) {
        if (e == null) {
            out.number(0);
            return;
        }
        out.number(PRESENT | (e.address() != null ? ADDRESS : 0) | (e.hostname() != null ? HOSTNAME : 0)
                | (e.identity() != null ? IDENTITY : 0));
        if (e.address() != null) out.blob(e.address().getAddress());
        if (e.hostname() != null) out.text(e.hostname());
        out.number(e.port());
        if (e.identity() != null) out.text(e.identity().method()).text(e.identity().user());
    }

    private static Endpoint endpoint(In in) {
        int flags = in.integer();
        if (flags == 0) return null;
        InetAddress address = (flags & ADDRESS) != 0 ? address(in.blob()) : null;
        String hostname = (flags & HOSTNAME) != 0 ? in.text() : null;
        int port = in.integer();
        Identity identity = (flags & IDENTITY) != 0 ? new Identity(in.text(), in.text()) : null;
        return new Endpoint(address, hostname, port, identity);
    }

    static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an index row holds an address of " + bytes.length + " bytes", e);
        }
    }

    private static void instant(Out out, Instant t) {
        out.number(t == null ? 0 : 1);
        if (t != null) out.signed(t.getEpochSecond()).number(t.getNano());
    }

    private static Instant instant(In in) {
        return in.integer() == 0 ? null : Instant.ofEpochSecond(in.signed(), in.number());
    }

    private static void counters(Out out, LinkCounters c) {
        out.number(c.written()).number(c.read()).number(c.packetsWritten()).number(c.packetsRead());
    }

    private static LinkCounters counters(In in) {
        return new LinkCounters(in.number(), in.number(), in.number(), in.number());
    }

    /** LEB128 numbers (zigzag for signed ones), and byte strings and texts preceded by their length + 1 (0: null). */
    private static final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);

        Out number(long value) {
            long v = value;
            while ((v & ~0x7FL) != 0) {
                bytes.write((int) (v & 0x7F) | 0x80);
                v >>>= 7;
            }
            bytes.write((int) v);
            return this;
        }

        Out signed(long value) {
            return number(value << 1 ^ value >> 63);
        }

        Out blob(byte[] value) {
            number(value.length + 1L);
            bytes.writeBytes(value);
            return this;
        }

        Out text(String value) {
            return value == null ? number(0) : blob(value.getBytes(StandardCharsets.UTF_8));
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }

    private static final class In {
        private final byte[] bytes;
        private int at;

        In(byte[] bytes) {
            this.bytes = bytes;
        }

        long number() {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = bytes[at++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) return value;
            }
        }

        int integer() {
            return Math.toIntExact(number());
        }

        long signed() {
            long v = number();
            return v >>> 1 ^ -(v & 1);
        }

        byte[] blob() {
            int length = integer() - 1;
            byte[] value = java.util.Arrays.copyOfRange(bytes, at, at + length);
            at += length;
            return value;
        }

        String text() {
            int length = integer() - 1;
            if (length < 0) return null;
            String value = new String(bytes, at, length, StandardCharsets.UTF_8);
            at += length;
            return value;
        }
    }
}
