package org.wirelog.packet;

/** The upper-layer header right after the IP header(s). */
public sealed interface TransportHeader permits TcpHeader, UdpHeader, IcmpHeader {

    /** The header's own length: where its payload starts. */
    int headerLength();
}
