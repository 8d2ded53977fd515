package org.wirelog.format.natlog;

import java.util.Locale;
import org.wirelog.model.EndReason;
import org.wirelog.model.Event.SessionClosed;
import org.wirelog.model.Protocol;

/**
 * How natlog qualifies a logged connection: {@code ok} (no marker in the line), {@code expired}
 * ({@code (EXPIRED)}) or {@code eop} ({@code (EOP)}, still open when natlog ended).
 */
public enum NatlogStatus {
    OK(""), EXPIRED(" (EXPIRED)"), EOP(" (EOP)");

    private final String marker;

    NatlogStatus(String marker) {
        this.marker = marker;
    }

    public String marker() {
        return marker;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The status of a closed NAT session. A udp or icmp flow has no end but its idle time, so natlog
     * writes it {@code ok} when its ttl runs out; only an idle tcp connection is {@code expired}.
     */
    public static NatlogStatus of(SessionClosed closed) {
        EndReason reason = closed.reason();
        if (reason == null) return OK;
        return switch (reason.kind()) {
            case SHUTDOWN -> EOP;
            case IO_TIMEOUT -> closed.session().protocol() == Protocol.TCP ? EXPIRED : OK;
            default -> OK;
        };
    }

    public static NatlogStatus fromWord(String word) {
        return valueOf(word.trim().toUpperCase(Locale.ROOT));
    }
}
