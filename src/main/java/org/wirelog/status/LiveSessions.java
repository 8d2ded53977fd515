package org.wirelog.status;

import java.util.List;
import org.wirelog.model.Session;
import org.wirelog.socks.status.ActiveSessions;

/** Where the status page finds the sessions open right now. */
@FunctionalInterface
public interface LiveSessions {

    List<LiveSession> now();

    /** The SOCKS server's relaying sessions with their live counters: what SIGUSR1 dumps. */
    static LiveSessions of(ActiveSessions active) {
        return () -> active.sessions().stream().map(a -> live(a.session(), a.counters().bytesFromClient(),
                a.counters().bytesFromTarget())).toList();
    }

    static LiveSession live(Session s, long fromClient, long fromTarget) {
        return new LiveSession(s.id(), s.protocol().word(), s.command().word(), String.valueOf(s.client()),
                s.target() == null ? null : s.target().toString(), s.begin(), fromClient, fromTarget);
    }
}
