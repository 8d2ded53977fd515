package org.wirelog.query;

import java.util.List;
import org.wirelog.read.Record.Connection;

/**
 * One answer to "who was behind it": a connection that used the endpoint, and the connections one hop
 * further inside that it came from (the proxy session whose external endpoint a NAT translated, the
 * forwarded connection that reached the proxy), each followed in turn.
 */
public record Attribution(Connection connection, List<Attribution> inside) {

    /** The innermost connections of this chain: where the trail ends, at the client and its user. */
    public List<Connection> origins() {
        if (inside.isEmpty()) return List.of(connection);
        return inside.stream().flatMap(a -> a.origins().stream()).toList();
    }
}
