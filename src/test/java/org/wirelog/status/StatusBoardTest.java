package org.wirelog.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.wirelog.model.Command;
import org.wirelog.model.EndReason;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Event;
import org.wirelog.model.LinkCounters;
import org.wirelog.model.Session;
import org.wirelog.model.Traffic;
import org.wirelog.model.Verdict;

class StatusBoardTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private final StatusBoard board = new StatusBoard();

    private static Endpoint at(String ip, int port) {
        return Endpoint.of(InetAddress.ofLiteral(ip), port);
    }

    private static Session connect(String client, String target) {
        return new Session(Session.nextId(), Command.CONNECT.protocol(), Command.CONNECT, Verdict.pass(1), at(client, 40000),
                at("10.0.0.254", 1080), at("10.0.0.254", 50000), null, null, at(target, 443), T);
    }

    private void relay(Session s, long fromClient, long fromTarget) {
        board.emit(new Event.SessionOpened(T, s));
        board.emit(new Event.SessionClosed(T, s, new Traffic(LinkCounters.bytes(fromTarget, fromClient),
                LinkCounters.bytes(fromClient, fromTarget)), EndReason.of(EndReason.Kind.CLIENT_CLOSED)));
    }

    @Test
    void openSessionsAreListedUntilTheyCloseAndThenCountForTheTopListsAndTheBytes() {
        Session s = connect("10.0.0.1", "198.51.100.7");
        board.emit(new Event.SessionOpened(T, s));
        assertThat(board.openSessions().now()).extracting(LiveSession::client).containsExactly("10.0.0.1.40000");

        board.emit(new Event.SessionClosed(T, s, new Traffic(LinkCounters.bytes(900, 100), LinkCounters.bytes(100, 900)), null));
        relay(connect("10.0.0.2", "198.51.100.7"), 10, 20);
        Session accept = Session.of(Command.ACCEPT, Verdict.pass(1), at("10.0.0.1", 40000), at("10.0.0.254", 1080), T);
        relay(accept, 100, 900); // the same bytes again, on the client connection: not counted twice

        assertThat(board.openSessions().now()).isEmpty();
        assertThat(board.closedBytes()).isEqualTo(1030);
        assertThat(board.topClients(10)).containsExactly(new Talkers.Talker("10.0.0.1", 1, 1000),
                new Talkers.Talker("10.0.0.2", 1, 30));
        assertThat(board.topTargets(10)).containsExactly(new Talkers.Talker("198.51.100.7.443", 2, 1030));
    }

    @Test
    void recentBlocksAreTheLatestTwentyNewestFirstWithoutTheClientConnectionsEcho() {
        for (int i = 1; i <= 25; i++) {
            Session refused = connect("10.0.0." + i, "198.51.100.7").withVerdict(Verdict.block(2));
            board.emit(new Event.SessionRefused(T.plusSeconds(i), refused, null));
            Session accept = Session.of(Command.ACCEPT, Verdict.block(1), at("10.0.0." + i, 40000), at("10.0.0.254", 1080), T);
            board.emit(new Event.SessionRefused(T.plusSeconds(i), accept, "blocked by higher-level socks-rule #2"));
        }
        assertThat(board.recentBlocks()).hasSize(20).allSatisfy(b -> assertThat(b.command()).isEqualTo("connect"));
        assertThat(board.recentBlocks().getFirst().client()).isEqualTo("10.0.0.25.40000");
        assertThat(board.recentBlocks().getLast().client()).isEqualTo("10.0.0.6.40000");
    }
}
