package org.wirelog.nat;

import org.wirelog.packet.LinkType;
import org.wirelog.sys.FrameSource;
import org.wirelog.sys.PcapException;

/** What both capture sources need to check before they read. */
final class Captures {

    private Captures() {
    }

    /** The decoder for this capture's link type; a link type without IP is an error, named. */
    static FrameDecoder decoder(FrameSource source) throws PcapException {
        int dlt = source.linkType();
        LinkType type = LinkType.ofDlt(dlt);
        if (type == null) {
            throw new PcapException(source.name() + ": link-layer type " + dlt
                    + " is not one that carries IP (Ethernet, Linux cooked, raw IP, BSD loopback)");
        }
        return new FrameDecoder(type);
    }
}
