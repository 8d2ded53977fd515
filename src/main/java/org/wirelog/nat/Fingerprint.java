package org.wirelog.nat;

/**
 * What a packet and its source-natted copy have in common: protocol, destination, and a digest of
 * what NAT leaves alone. It pairs a flow seen inside with its translation seen outside.
 */
record Fingerprint(int protocol, int destination, int destinationPort, long digest) {

    static Fingerprint of(NatPacket p) {
        return new Fingerprint(p.protocol(), p.destination(), p.destinationPort(), p.digest());
    }

    // Written out for the reason FlowKey's are, with the record's hash.

    @Override
    public boolean equals(Object other) {
        return other instanceof Fingerprint f && f.digest == digest && f.destination == destination
                && f.destinationPort == destinationPort && f.protocol == protocol;
    }

    @Override
    public int hashCode() {
        return ((protocol * 31 + destination) * 31 + destinationPort) * 31 + Long.hashCode(digest);
    }
}
