package org.wirelog.nat;

import org.wirelog.packet.IpView;
import org.wirelog.packet.LinkType;
import org.wirelog.sys.CapturedFrame;

/** Turns a captured frame of one link type into what the tracker needs of it (or null). One thread uses it. */
final class FrameDecoder {

    /** Enough of a frame for link, IP and TCP headers with options, and the payload bytes a digest reads. */
    static final int SNAPLEN = 256;

    private final LinkType linkType;
    private final IpView ip = new IpView();

    FrameDecoder(LinkType linkType) {
        this.linkType = linkType;
    }

    Observed decode(CapturedFrame frame) {
        return decode(frame.bytes(), frame.length(), frame.micros());
    }

    /** @param length the bytes of the frame in {@code bytes}, from its start */
    Observed decode(byte[] bytes, int length, long micros) {
        int at = linkType.ipOffset(bytes, length);
        if (at < 0 || !ip.wrap(bytes, at, length - at)) return null;
        return NatPacket.of(ip, bytes, micros);
    }
}
