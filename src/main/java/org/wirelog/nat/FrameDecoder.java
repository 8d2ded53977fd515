package org.wirelog.nat;

import org.wirelog.packet.IpDecoder;
import org.wirelog.packet.IpPacket;
import org.wirelog.packet.LinkType;
import org.wirelog.sys.CapturedFrame;

/** Turns a captured frame of one link type into what the tracker needs of it (or null). */
record FrameDecoder(LinkType linkType) {

    Observed decode(CapturedFrame frame) {
        byte[] bytes = frame.bytes();
        int ip = linkType.ipOffset(bytes, bytes.length);
        if (ip < 0) return null;
        IpPacket packet = IpDecoder.decode(bytes, ip, bytes.length - ip);
        return packet == null ? null : NatPacket.of(packet, bytes, frame.micros());
    }
}
