package org.wirelog.nat;

/** What the tracker learns from one captured IPv4 packet. */
public sealed interface Observed permits NatPacket, LaterFragment {

    long micros();
}
