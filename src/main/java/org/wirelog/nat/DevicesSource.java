package org.wirelog.nat;

import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.wirelog.packet.Ipv4Header;
import org.wirelog.sys.CapturedFrame;
import org.wirelog.sys.Pcap;
import org.wirelog.sys.PcapException;

/**
 * natlog's devices mode: live capture on the inside and the outside device, one platform thread per
 * device (a capture blocks in libpcap, which must not pin a carrier thread), both feeding one tracker
 * thread. The tracker pairs packets by content, so it does not matter which device delivers first.
 */
public final class DevicesSource {

    /** How long libpcap may hold packets before delivering them. */
    private static final int BUFFER_TIMEOUT_MILLIS = 100;
    private static final int QUEUE_CAPACITY = 1 << 16;

    private record Item(Side side, Observed observed) {
    }

    private final String insideDevice;
    private final String outsideDevice;
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong frames = new AtomicLong();
    private final List<Pcap> handles = new ArrayList<>();
    private volatile boolean stopping;

    public DevicesSource(String insideDevice, String outsideDevice) {
        this.insideDevice = insideDevice;
        this.outsideDevice = outsideDevice;
    }

    /** The device's IPv4 address and network mask, which tell inside from outside. */
    public static InterfaceAddress ipv4(String device) throws SocketException {
        NetworkInterface nic = NetworkInterface.getByName(device);
        if (nic == null) throw new SocketException("no network device " + device);
        for (InterfaceAddress address : nic.getInterfaceAddresses()) {
            if (address.getAddress() instanceof Inet4Address) return address;
        }
        throw new SocketException("device " + device + " has no IPv4 address");
    }

    public static NatAddresses addresses(String inside, String outside) throws SocketException {
        InterfaceAddress in = ipv4(inside), out = ipv4(outside);
        return new NatAddresses(Ipv4Header.number(in.getAddress()), prefixMask(in.getNetworkPrefixLength()),
                Ipv4Header.number(out.getAddress()), prefixMask(out.getNetworkPrefixLength()));
    }

    private static int prefixMask(int bits) {
        return bits == 0 ? 0 : -1 << (32 - bits);
    }

    /**
     * Captures until {@link #stop()}: packets go to the tracker, with the wall clock advancing it.
     *
     * @param opened called once both devices are open: from then on no packet is missed
     * @throws PcapException when a device cannot be opened for capture
     */
    public CaptureReport run(NatTracker tracker, Runnable opened) throws PcapException {
        Pcap in = Pcap.openLive(insideDevice, FrameDecoder.SNAPLEN, false, BUFFER_TIMEOUT_MILLIS);
        Pcap out = null;
        FrameDecoder inDecoder, outDecoder;
        try {
            out = Pcap.openLive(outsideDevice, FrameDecoder.SNAPLEN, false, BUFFER_TIMEOUT_MILLIS);
            inDecoder = Captures.decoder(in);
            outDecoder = Captures.decoder(out);
        } catch (PcapException e) {
            in.close();
            if (out != null) out.close();
            throw e;
        }
        synchronized (handles) {
            handles.add(in);
            handles.add(out);
        }
        List<Thread> threads = List.of(capture(Side.INSIDE, in, inDecoder), capture(Side.OUTSIDE, out, outDecoder));
        if (stopping) stop();
        opened.run();
        while (threads.stream().anyMatch(Thread::isAlive) || !queue.isEmpty()) {
            Item item;
            try {
                item = queue.poll(BUFFER_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                stop();
                continue;
            }
            tracker.advance(System.currentTimeMillis() * 1000);
            if (item != null) tracker.accept(item.side(), item.observed());
        }
        return new CaptureReport(frames.get(), List.copyOf(problems));
    }

    private Thread capture(Side side, Pcap pcap, FrameDecoder decoder) {
        return Thread.ofPlatform().name("wirelog-capture-" + pcap.name()).daemon(true).start(() -> {
            try {
                var frame = new CapturedFrame(FrameDecoder.SNAPLEN);
                while (!stopping && pcap.next(frame)) {
                    frames.incrementAndGet();
                    Observed observed = decoder.decode(frame);
                    if (observed != null) queue.put(new Item(side, observed));
                }
                long dropped;
                synchronized (handles) {
                    dropped = pcap.stats().dropped(); // libpcap's counters are not for two threads at once
                }
                if (dropped > 0) problems.add(pcap.name() + ": the kernel dropped " + dropped + " packets");
            } catch (PcapException e) {
                problems.add(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                synchronized (handles) {
                    handles.remove(pcap); // no breakLoop on a closed handle
                }
                pcap.close();
            }
        });
    }

    /** libpcap's counters of each device still capturing (pcap_stats), for the metrics; any thread may ask. */
    public Map<String, Pcap.Stats> stats() {
        Map<String, Pcap.Stats> stats = new LinkedHashMap<>();
        synchronized (handles) {
            for (Pcap pcap : handles) {
                try {
                    stats.put(pcap.name(), pcap.stats());
                } catch (PcapException e) {
                    // a device that cannot count now has nothing to show in this scrape
                }
            }
        }
        return stats;
    }

    /** Makes {@link #run} return after what was captured so far is tracked. Any thread may call it. */
    public void stop() {
        stopping = true;
        synchronized (handles) {
            for (Pcap pcap : handles) pcap.breakLoop();
        }
    }
}
