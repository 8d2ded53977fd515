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
}
