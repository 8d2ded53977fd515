package org.wirelog.nat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wirelog.model.EndReason;
import org.wirelog.model.EventSink;
import org.wirelog.model.Protocol;
import org.wirelog.model.Session;
import org.wirelog.packet.IpDecoder;

/**
 * Pairs the packets of the firewall's inside and outside captures into translations and logs each
 * translation once, when it ends.
 *
 * <p>A flow opens with its first packet inside (a tcp SYN, a udp datagram, an icmp echo request) and
 * learns its via when the translated copy of a packet shows up outside with the firewall's address;
 * the two are paired by {@link Fingerprint}, not by arrival order, so either capture may run ahead
 * (live devices deliver in batches). A tcp flow ends with a reset or with both FINs acknowledged
 * (or both sent and {@link #LINGER_MICROS} gone by); udp and icmp flows end when idle for their ttl,
 * or when the input ends. A flow that ended before its via was seen waits {@link #VIA_GRACE_MICROS}
 * for it, then is logged with an unknown via rather than lost.
 *
 * <p>Not thread-safe: one thread feeds it packets and the clock.
 */
public final class NatTracker {

    static final long LINGER_MICROS = 10_000_000L;
    static final long VIA_GRACE_MICROS = 5_000_000L;
    private static final long SWEEP_MICROS = 1_000_000L;

    private record OutsideSighting(int viaPort, FlowKey outsideKey, long micros) {
    }

    private record FragmentKey(int protocol, int source, int destination, int identification) {
    }

    private record FragmentOwner(Flow flow, boolean fromInside, long micros) {
    }

    private final NatAddresses addresses;
    private final Set<Protocol> protocols;
    private final Ttl ttl;
    private final EventSink sink;

    private final Map<FlowKey, Flow> flows = new HashMap<>();
    private final Map<FlowKey, Flow> byOutsideKey = new HashMap<>();
    private final Map<Fingerprint, Flow> awaitingVia = new HashMap<>();
    private final Map<Fingerprint, OutsideSighting> unmatchedOutside = new HashMap<>();
    private final ArrayDeque<Fingerprint> unmatchedOrder = new ArrayDeque<>();
    /** tcp flows with both FINs sent, in the order they got there; a flow leaves as soon as it ends (memory follows open flows). */
    private final LinkedHashSet<Flow> closing = new LinkedHashSet<>();
    private final ArrayDeque<Flow> endedWithoutVia = new ArrayDeque<>();
    private final Map<FragmentKey, FragmentOwner> fragments = new HashMap<>();
    private long lastSweep = Long.MIN_VALUE;

    /** @param ttl idle times after which flows are logged, or null to keep them until the input ends */
    public NatTracker(NatAddresses addresses, Set<Protocol> protocols, Ttl ttl, EventSink sink) {
        this.addresses = addresses;
        // an EnumSet's contains is a bit test: asked for every packet, a Set.of's hashing showed in profiles
        this.protocols = protocols.isEmpty() ? EnumSet.noneOf(Protocol.class) : EnumSet.copyOf(protocols);
        this.ttl = ttl;
        this.sink = sink;
    }

    public void accept(Side side, Observed observed) {
        // instanceof, not a pattern switch: that is a method-handle call per packet until the JIT's last tier
        if (observed instanceof NatPacket p) {
            if (!protocols.contains(Translation.protocol(p.protocol()))) return;
            if (side == Side.INSIDE) inside(p); else outside(p);
        } else if (observed instanceof LaterFragment f && side == Side.INSIDE) {
            laterFragment(f);
        }
    }

    private void inside(NatPacket p) {
        if (addresses.leavesInside(p)) {
            FlowKey key = FlowKey.forward(p);
            Flow flow = flows.get(key);
            if (flow == null || (flow.reason != null && p.opens())) {
                if (!p.opens()) return;
                if (flow != null) log(flow);
                flow = open(key, p);
            } else if (!flow.viaKnown() && p.protocol() != IpDecoder.TCP) {
                // a datagram the firewall did not pass on (or we missed outside): the next one may pair
                expectVia(flow, Fingerprint.of(p));
            }
            follow(flow, p, true);
        } else if (addresses.entersInside(p)) {
            Flow flow = flows.get(FlowKey.reverse(p));
            if (flow != null && flow.reason == null) follow(flow, p, false);
        }
    }

    private Flow open(FlowKey key, NatPacket p) {
        Flow flow = new Flow(key, p.micros());
        flows.put(key, flow);
        expectVia(flow, Fingerprint.of(p));
        return flow;
    }

    private void follow(Flow flow, NatPacket p, boolean fromInside) {
        flow.count(p, fromInside);
        if (p.fragmentId() >= 0) {
            fragments.put(new FragmentKey(p.protocol(), p.source(), p.destination(), p.fragmentId()),
                    new FragmentOwner(flow, fromInside, p.micros()));
        }
        if (p.protocol() != IpDecoder.TCP) {
            flow.touch(p);
            return;
        }
        EndReason ended = flow.tcp(p, fromInside);
        if (ended != null) {
            end(flow, ended, p.micros());
        } else if (flow.bothFinsSent() && flow.completedAt == 0) {
            flow.completedAt = p.micros();
            closing.add(flow);
        }
    }

    private void laterFragment(LaterFragment f) {
        var key = new FragmentKey(f.protocol(), f.source(), f.destination(), f.identification());
        FragmentOwner owner = f.moreFragments() ? fragments.get(key) : fragments.remove(key);
        if (owner != null && owner.flow().reason == null) owner.flow().countFragment(f, owner.fromInside());
    }

    private void outside(NatPacket p) {
        if (!addresses.leavesOutside(p) || !p.opens()) return;
        FlowKey outsideKey = FlowKey.forward(p);
        Flow known = byOutsideKey.get(outsideKey);
        Fingerprint fingerprint = Fingerprint.of(p);
        // A live flow owns this outside tuple, unless the packet is the translated copy of a new flow's: the
        // firewall forgot the old one (its conntrack entry expired before our ttl) and handed out the port again.
        if (known != null && known.reason == null && !awaitingVia.containsKey(fingerprint)) return;
        Flow flow = awaitingVia.remove(fingerprint);
        if (flow != null) {
            bindVia(flow, p.sourcePort(), outsideKey);
        } else if (unmatchedOutside.put(fingerprint, new OutsideSighting(p.sourcePort(), outsideKey, p.micros())) == null) {
            unmatchedOrder.add(fingerprint);
        }
    }

    private void expectVia(Flow flow, Fingerprint fingerprint) {
        OutsideSighting seen = unmatchedOutside.remove(fingerprint);
        if (seen != null) {
            bindVia(flow, seen.viaPort(), seen.outsideKey());
            return;
        }
        if (flow.pendingFingerprint != null) awaitingVia.remove(flow.pendingFingerprint, flow);
        flow.pendingFingerprint = fingerprint;
        awaitingVia.put(fingerprint, flow);
    }

    /** The translation is known now: its session opens (at the flow's first packet), and a flow already over is logged. */
    private void bindVia(Flow flow, int viaPort, FlowKey outsideKey) {
        flow.viaPort = viaPort;
        flow.outsideKey = outsideKey;
        flow.pendingFingerprint = null;
        byOutsideKey.put(outsideKey, flow);
        if (flow.session == null) {
            flow.session = translation(flow).session(Translation.instant(flow.begin));
            sink.emit(Translation.opened(flow.session));
        }
        if (flow.reason != null) log(flow);
    }

    private Translation translation(Flow flow) {
        FlowKey k = flow.key;
        return new Translation(Translation.protocol(k.protocol()), Translation.endpoint(k.source(), k.sourcePort()),
                flow.viaKnown() ? Translation.endpoint(addresses.outsideAddress(), flow.viaPort) : null,
                Translation.endpoint(k.destination(), k.destinationPort()));
    }

    /** The flow is over; it is logged now, or once its via shows up. */
    private void end(Flow flow, EndReason reason, long micros) {
        if (flow.reason != null) return;
        closing.remove(flow);
        flow.reason = reason;
        flow.completedAt = micros;
        if (flow.viaKnown()) log(flow); else endedWithoutVia.add(flow);
    }

    private void log(Flow flow) {
        if (flow.logged) return;
        flow.logged = true;
        flows.remove(flow.key, flow);
        if (flow.outsideKey != null) byOutsideKey.remove(flow.outsideKey, flow);
        if (flow.pendingFingerprint != null) awaitingVia.remove(flow.pendingFingerprint, flow);
        // a flow whose via never showed was never opened: its session is made now, without a via
        Session session = flow.session != null ? flow.session : translation(flow).session(Translation.instant(flow.begin));
        sink.emit(Translation.closed(session, Translation.instant(flow.end), flow.reason,
                flow.sentBytes, flow.sentPackets, flow.receivedBytes, flow.receivedPackets));
    }

    /**
     * Lets time pass: logs closed tcp flows whose last acknowledgement never came, flows whose via
     * never came, and (with a ttl) idle flows. Cheap to call per packet: it works once a second.
     */
    public void advance(long nowMicros) {
        if (nowMicros - lastSweep < SWEEP_MICROS) return;
        lastSweep = nowMicros;
        while (!closing.isEmpty() && closing.getFirst().completedAt + LINGER_MICROS <= nowMicros) {
            Flow flow = closing.removeFirst();
            end(flow, flow.closedReason(), nowMicros);
        }
        while (!endedWithoutVia.isEmpty() && endedWithoutVia.peek().completedAt + VIA_GRACE_MICROS <= nowMicros) {
            log(endedWithoutVia.poll());
        }
        while (!unmatchedOrder.isEmpty()) {
            Fingerprint oldest = unmatchedOrder.peek();
            OutsideSighting seen = unmatchedOutside.get(oldest);
            if (seen != null && seen.micros() + VIA_GRACE_MICROS > nowMicros) break;
            unmatchedOrder.poll();
            if (seen != null) unmatchedOutside.remove(oldest);
        }
        fragments.values().removeIf(owner -> owner.micros() + VIA_GRACE_MICROS <= nowMicros);
        if (ttl != null) {
            List<Flow> idle = new ArrayList<>();
            for (Flow flow : flows.values()) {
                if (flow.reason == null && flow.lastSeen + ttl.micros(flow.key.protocol()) <= nowMicros) idle.add(flow);
            }
            for (Flow flow : idle) end(flow, EndReason.of(EndReason.Kind.IO_TIMEOUT), nowMicros);
        }
    }

    /**
     * Logs every flow still held, oldest first: open ones with {@code reason} (null when a capture
     * file simply ended, {@code SHUTDOWN} for natlog's EOP), those already ended with their own.
     */
    public void finish(EndReason reason) {
        // flows that ended without a via are still in the table: it holds every flow not yet logged
        List<Flow> left = new ArrayList<>(flows.values());
        left.sort(Comparator.comparingLong(f -> f.begin));
        for (Flow flow : left) {
            if (flow.reason == null) flow.reason = flow.bothFinsSent() ? flow.closedReason() : reason;
            log(flow);
        }
        endedWithoutVia.clear();
        closing.clear();
    }

    /** Flows held now: open, closing, or waiting for their via (for tests and the memory bound). */
    public int size() {
        return flows.size();
    }
}
