package org.wirelog.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.List;

/**
 * A libpcap capture handle (libpcap.so.0.8 through {@code java.lang.foreign}): a saved file, pcap or
 * pcapng, or a live device. One thread reads it; {@link #breakLoop()} may come from any thread.
 */
public final class Pcap implements FrameSource {

    private static final int ERRBUF_SIZE = 256;
    private static final int OK = 1, TIMEOUT = 0, END = -2;
    /** struct pcap_pkthdr on LP64: struct timeval (two longs), then caplen and len. */
    private static final StructLayout PKTHDR = MemoryLayout.structLayout(JAVA_LONG.withName("tv_sec"),
            JAVA_LONG.withName("tv_usec"), JAVA_INT.withName("caplen"), JAVA_INT.withName("len"));
    private static final AddressLayout PKTHDR_POINTER = ADDRESS.withTargetLayout(PKTHDR);
    private static final VarHandle TV_SEC = field("tv_sec"), TV_USEC = field("tv_usec"), CAPLEN = field("caplen");

    private static final class Functions {
        static final Native LIB = Native.library(List.of("libpcap.so.0.8", "libpcap.so.1", "libpcap.so"));
        static final MethodHandle OPEN_OFFLINE = LIB.function("pcap_open_offline", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        static final MethodHandle OPEN_LIVE = LIB.function("pcap_open_live",
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
        static final MethodHandle NEXT_EX = LIB.function("pcap_next_ex", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        static final MethodHandle DATALINK = LIB.function("pcap_datalink", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle STATS = LIB.function("pcap_stats", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        static final MethodHandle GETERR = LIB.function("pcap_geterr", FunctionDescriptor.of(ADDRESS, ADDRESS));
        static final MethodHandle BREAKLOOP = LIB.function("pcap_breakloop", FunctionDescriptor.ofVoid(ADDRESS));
        static final MethodHandle CLOSE = LIB.function("pcap_close", FunctionDescriptor.ofVoid(ADDRESS));
    }

    /** What libpcap counted for a live capture: received, dropped by the kernel for lack of buffer, dropped by the interface. */
    public record Stats(long received, long dropped, long interfaceDropped) {
    }

    private final String name;
    private final MemorySegment handle;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment headerPointer = arena.allocate(ADDRESS);
    private final MemorySegment dataPointer = arena.allocate(ADDRESS);
    private boolean closed;

    private Pcap(String name, MemorySegment handle) {
        this.name = name;
        this.handle = handle;
    }

    /** Opens a saved capture (pcap or pcapng, as libpcap reads them). */
    public static Pcap openOffline(Path file) throws PcapException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment errbuf = call.allocate(ERRBUF_SIZE);
            MemorySegment handle = (MemorySegment) Functions.OPEN_OFFLINE.invokeExact(call.allocateFrom(file.toString()), errbuf);
            if (handle.equals(MemorySegment.NULL)) throw new PcapException(file + ": " + errbuf.getString(0));
            return new Pcap(file.toString(), handle);
        } catch (PcapException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Opens a device for live capture.
     *
     * @param timeoutMillis how long libpcap may hold packets to deliver them in a batch
     */
    public static Pcap openLive(String device, int snaplen, boolean promiscuous, int timeoutMillis) throws PcapException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment errbuf = call.allocate(ERRBUF_SIZE);
            MemorySegment handle = (MemorySegment) Functions.OPEN_LIVE.invokeExact(call.allocateFrom(device), snaplen,
                    promiscuous ? 1 : 0, timeoutMillis, errbuf);
            if (handle.equals(MemorySegment.NULL)) throw new PcapException(device + ": " + errbuf.getString(0));
            return new Pcap(device, handle);
        } catch (PcapException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** libpcap's DLT number of this capture's link layer. */
    @Override
    public int linkType() {
        try {
            return (int) Functions.DATALINK.invokeExact(handle);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static VarHandle field(String name) {
        return PKTHDR.varHandle(MemoryLayout.PathElement.groupElement(name));
    }

    /** Returns false after {@link #breakLoop()} too. */
    @Override
    public boolean next(CapturedFrame frame) throws PcapException {
        while (true) {
            int result;
            try {
                result = (int) Functions.NEXT_EX.invokeExact(handle, headerPointer, dataPointer);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            switch (result) {
                case OK -> {
                    MemorySegment header = headerPointer.get(PKTHDR_POINTER, 0);
                    int captured = (int) CAPLEN.get(header, 0L);
                    long micros = (long) TV_SEC.get(header, 0L) * 1_000_000L + (long) TV_USEC.get(header, 0L);
                    frame.fill(micros, dataPointer.get(ADDRESS, 0).reinterpret(captured), 0, captured);
                    return true;
                }
                case TIMEOUT -> {
                    // a live capture's buffer timeout with nothing in it: keep waiting
                }
                case END -> {
                    return false;
                }
                default -> throw new PcapException(name + ": " + error());
            }
        }
    }

    /** Counters of a live capture (libpcap cannot count for a file). */
    public Stats stats() throws PcapException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment stat = call.allocate(12);
            int result = (int) Functions.STATS.invokeExact(handle, stat);
            if (result != 0) throw new PcapException(name + ": " + error());
            return new Stats(Integer.toUnsignedLong(stat.get(JAVA_INT, 0)), Integer.toUnsignedLong(stat.get(JAVA_INT, 4)),
                    Integer.toUnsignedLong(stat.get(JAVA_INT, 8)));
        } catch (PcapException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes a {@link #next} waiting in another thread return false. */
    public void breakLoop() {
        try {
            Functions.BREAKLOOP.invokeExact(handle);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private String error() {
        try {
            return ((MemorySegment) Functions.GETERR.invokeExact(handle)).reinterpret(ERRBUF_SIZE).getString(0);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Only the thread that reads may close. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            Functions.CLOSE.invokeExact(handle);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        } finally {
            arena.close();
        }
    }
}
