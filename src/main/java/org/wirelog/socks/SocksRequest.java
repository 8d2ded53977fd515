package org.wirelog.socks;

import java.nio.ByteBuffer;
import org.wirelog.model.Command;
import org.wirelog.model.Endpoint;

/**
 * A client's request, SOCKS4, 4a or 5 alike.
 *
 * @param version 4 or 5
 * @param command CONNECT, BIND or UDPASSOCIATE
 * @param target  DST.ADDR/DST.PORT as sent: an IP address or an unresolved hostname
 * @param userid  the SOCKS4 USERID (never logged, as in Dante), or null
 */
public record SocksRequest(int version, Command command, Endpoint target, String userid) {

    /** The reply to this request in the client's own protocol version. */
    public ByteBuffer reply(Reply reply, Endpoint bound) {
        return version == Socks4.VERSION ? Socks4.reply(reply, bound) : Socks5.reply(reply, bound);
    }
}
