package org.wirelog.nat;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.wirelog.model.Protocol;

/** natlog's {@code --protocol}: {@code all}, or a colon-separated subset of tcp, udp and icmp. */
public record ProtocolSelection(Set<Protocol> protocols) {

    /** natlog lists them in this order: {@code processing: icmp or udp or tcp}. */
    private static final List<Protocol> ORDER = List.of(Protocol.ICMP, Protocol.UDP, Protocol.TCP);

    public static ProtocolSelection parse(String spec) {
        if (spec.equals("all")) return new ProtocolSelection(EnumSet.allOf(Protocol.class));
        Set<Protocol> chosen = EnumSet.noneOf(Protocol.class);
        for (String word : spec.split(":", -1)) {
            try {
                chosen.add(Protocol.valueOf(word.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("protocol must be all or a colon-separated list of tcp, udp and icmp, not `"
                        + spec + "'");
            }
        }
        return new ProtocolSelection(chosen);
    }

    /** {@code icmp or udp or tcp} */
    public String text() {
        return ORDER.stream().filter(protocols::contains).map(Protocol::word).collect(Collectors.joining(" or "));
    }

    /** The one protocol selected, for conntrack's {@code -p}; null when more are. */
    public Protocol single() {
        return protocols.size() == 1 ? protocols.iterator().next() : null;
    }
}
