package org.wirelog.nat;

/**
 * What a packet and its source-natted copy have in common: protocol, destination, and a digest of
 * what NAT leaves alone. It pairs a flow seen inside with its translation seen outside.
 */
record Fingerprint(int protocol, int destination, int destinationPort, long digest) {

    static Fingerprint of(NatPacket p) {
        return new Fingerprint(p.protocol(), p.destination(), p.destinationPort(), p.digest());
    }
}
