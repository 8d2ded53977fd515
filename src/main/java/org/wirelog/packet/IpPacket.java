package org.wirelog.packet;

/**
 * One decoded IP packet.
 *
 * @param transport      the upper-layer header, or null when there is none to read: a later fragment,
 *                       a protocol other than tcp/udp/icmp, or a capture cut short before it
 * @param payloadOffset  where the upper-layer payload starts in the buffer that was decoded
 * @param payloadCaptured how many payload bytes the capture holds (may be fewer than were sent)
 */
public record IpPacket(IpHeader ip, TransportHeader transport, int payloadOffset, int payloadCaptured) {

    /** The upper-layer payload length as the headers state it, whatever the capture kept. */
    public int payloadLength() {
        int afterIp = ip.totalLength() - ip.headerLength();
        return transport == null ? afterIp : Math.max(0, afterIp - transport.headerLength());
    }
}
