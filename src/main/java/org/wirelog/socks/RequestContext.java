package org.wirelog.socks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.wirelog.model.Command;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Identity;
import org.wirelog.model.Session;
import org.wirelog.rules.AuthMethod;
import org.wirelog.rules.Request;
import org.wirelog.rules.LogKeyword;
import org.wirelog.rules.Rule;
import org.wirelog.socks.status.ActiveSessions;

/**
 * A request that passed its socks rule, with everything its command handler needs.
 *
 * @param session  the request's session as far as it is known: pass(rule), CLIENT PROXY-INT, TARGET as sent
 * @param leftover bytes the client sent after its request (to pass on first), or null
 * @param active   where relaying sessions register for the status dump
 * @param method   how the client authenticated, for the rules of later decisions (replies, datagrams)
 * @param clientRule the client rule that admitted the connection: its {@code log:} keywords rule the accept lines
 */
record RequestContext(SocketChannel client, Session session, Rule rule, SocksRequest request, ByteBuffer leftover,
                      Settings settings, SessionLog log, ActiveSessions active, AuthMethod method, Rule clientRule) {

    /** Whether a line of this session ({@code tcp/accept} or the command's) is to carry a TCP_INFO block. */
    boolean wantsTcpInfo() {
        return rule.logs(LogKeyword.TCPINFO) || clientRule.logs(LogKeyword.TCPINFO);
    }

    /** What the socks rules are asked about a later step of this request: a reply, a datagram. */
    Request ruleRequest(Endpoint from, Endpoint to, Command command) {
        Identity who = session.client().identity();
        return new Request(from, to, command, command.protocol(), method, who == null ? null : who.user());
    }

    /** Sends the SOCKS reply; a client that is gone by now only loses its own session. */
    boolean reply(Reply reply, Endpoint bound) {
        ByteBuffer message = request.reply(reply, bound);
        try {
            while (message.hasRemaining()) client.write(message);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
