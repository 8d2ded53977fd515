package org.wirelog.format.dante;

import java.util.List;
import org.wirelog.model.Command;
import org.wirelog.model.Endpoint;
import org.wirelog.model.LinkCounters;
import org.wirelog.model.Protocol;
import org.wirelog.model.Verdict;

/**
 * One traffic line of Dante's log, taken apart but not yet understood as part of a session:
 * {@code VERDICT(N): PROTO/CMD MARK GROUP [-> GROUP] [(n)] [: DETAIL]}.
 *
 * @param protocol the PROTO of {@code PROTO/CMD}: the command's own, or for a NAT translation its flow's
 * @param first    the endpoints before {@code ->}: CLIENT PROXY-INT, or, on a {@code -:} line from the
 *                 target side, TARGET [LASTPROXY-EXT] [NEXTPROXY] PROXY-EXT
 * @param second   the endpoints after {@code ->}, or null when the line has none
 * @param counters the {@code ]:} counters, one per group (written, read), empty when the line shows none
 * @param length   the {@code (n)} of a {@code -:} line, or -1
 * @param detail   the text after the endpoints ({@code : ...}), or null
 */
public record DanteLine(Verdict verdict, Protocol protocol, Command command, Marker marker, Group first, Group second,
                        List<LinkCounters> counters, long length, String detail) {

    /** {@code [:} opened, {@code -:} one I/O operation, {@code ]:} ended or refused. */
    public enum Marker { OPENED, TRANSFER, CLOSED }

    /**
     * The endpoints between two arrows, in the order written.
     *
     * @param bracketed the index of the one written in square brackets (LASTPROXY-EXT), or -1
     */
    public record Group(List<Endpoint> endpoints, int bracketed) {

        public Endpoint get(int index) {
            return endpoints.get(index);
        }

        public int size() {
            return endpoints.size();
        }
    }
}
