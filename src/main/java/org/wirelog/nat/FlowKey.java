package org.wirelog.nat;

/** A flow's tuple as its opening packet carried it: protocol, source and destination address and port. */
record FlowKey(int protocol, int source, int sourcePort, int destination, int destinationPort) {

    static FlowKey forward(NatPacket p) {
        return new FlowKey(p.protocol(), p.source(), p.sourcePort(), p.destination(), p.destinationPort());
    }

    /** The tuple of the flow a reply belongs to. */
    static FlowKey reverse(NatPacket p) {
        return new FlowKey(p.protocol(), p.destination(), p.destinationPort(), p.source(), p.sourcePort());
    }

    // Written out rather than the record's own: a look-up per packet went through the generated method-handle
    // chain, which the JIT compiles late and large (the profile's DelegatingMethodHandle frames). The hash is the
    // record's (31 * h + field), so that the flows' table keeps its iteration order.

    @Override
    public boolean equals(Object other) {
        return other instanceof FlowKey k && k.source == source && k.destination == destination && k.sourcePort == sourcePort
                && k.destinationPort == destinationPort && k.protocol == protocol;
    }

    @Override
    public int hashCode() {
        return (((protocol * 31 + source) * 31 + sourcePort) * 31 + destination) * 31 + destinationPort;
    }
}
