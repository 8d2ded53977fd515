package org.wirelog.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wirelog.format.dante.DanteFormat;
import org.wirelog.format.dante.Vis;
import org.wirelog.format.ipprot.ConnectionLogFormat;
import org.wirelog.format.ipprot.Template;
import org.wirelog.format.json.JsonLinesFormat;
import org.wirelog.model.Command;
import org.wirelog.model.Direction;
import org.wirelog.model.EndReason;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Event;
import org.wirelog.model.Identity;
import org.wirelog.model.Level;
import org.wirelog.model.Protocol;
import org.wirelog.model.Session;
import org.wirelog.model.Traffic;
import org.wirelog.model.Verdict;
import org.wirelog.output.EventFormat;

/**
 * No peer can write a log line of its own: whatever it chose (a hostname, a user name, the bytes it sent, a reason
 * quoting them) is written by every format without a control character, so each event stays one line.
 */
class LogInjectionTest {

    private static final List<EventFormat> FORMATS = List.of(
            new DanteFormat("wirelog", 1, ZoneOffset.UTC),
            new JsonLinesFormat(),
            new ConnectionLogFormat(Template.parse(Template.DEFAULT + " %r"), ZoneOffset.UTC, session -> null));

    /** Every C0 and C1 control, DEL and the Unicode line separators, and random text around them, per seed. */
    static Stream<String> hostile() {
        List<String> out = new ArrayList<>(List.of("evil\nblock(1): tcp/connect ]: injected", "cr\rlf", "\u2028sep\u2029", "\u0085nel",
                "esc\u001b[2Jclear", "del\u007f", "nul\u0000byte"));
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 40; i++) text.append((char) random.nextInt(0x00, 0xa0));
            out.add(text.toString());
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void whatAPeerChoseNeverBreaksALine(String chosen) {
        Instant now = Instant.parse("2026-11-23T12:00:00Z");
        Endpoint plainClient = Endpoint.of(InetAddress.ofLiteral("127.0.0.1"), 5555);
        Endpoint internal = Endpoint.of(InetAddress.ofLiteral("127.0.0.1"), 1080);
        Endpoint external = Endpoint.of(InetAddress.ofLiteral("127.0.0.1"), 40000);
        Endpoint plainTarget = Endpoint.of(InetAddress.ofLiteral("127.0.0.2"), 80);
        // One way in at a time (a user name, a hostname), so that each is shown to be escaped on its own.
        Session byUser = new Session(7, Protocol.TCP, Command.CONNECT, Verdict.pass(1),
                plainClient.withIdentity(new Identity("username", chosen)), internal, external, null, null, plainTarget, now);
        Session byHostname = new Session(8, Protocol.TCP, Command.CONNECT, Verdict.pass(1), plainClient, internal, external,
                null, null, Endpoint.unresolved(chosen, 80), now);
        Session byNothing = new Session(9, Protocol.TCP, Command.CONNECT, Verdict.pass(1), plainClient, internal, external,
                null, null, plainTarget, now);
        byte[] data = chosen.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<Event> events = new ArrayList<>();
        for (Session session : List.of(byUser, byHostname)) {
            events.add(new Event.SessionOpened(now, session));
            events.add(new Event.SessionClosed(now, session, Traffic.ZERO, EndReason.of(EndReason.Kind.CLIENT_CLOSED)));
        }
        events.addAll(List.of(new Event.DataTransferred(now, byNothing, Direction.FROM_CLIENT, data.length, data, null),
                new Event.DataTransferred(now, byNothing, Direction.FROM_CLIENT, 0, null, chosen),
                new Event.SessionClosed(now, byNothing, Traffic.ZERO, EndReason.error(EndReason.Kind.TARGET_ERROR, chosen)),
                new Event.SessionRefused(now, byNothing, "could not resolve hostname \"" + chosen + "\""),
                Event.Notice.of(Level.WARNING, "user " + chosen)));
        for (EventFormat format : FORMATS) {
            for (Event event : events) {
                String message = format.message(event);
                if (message == null) continue;
                assertThat(message.chars().noneMatch(c -> Vis.isControl((char) c)))
                        .as(format.getClass().getSimpleName() + " wrote " + message).isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void theEscapesAreStrvisFormsThatReadBack(String chosen) {
        String escaped = Vis.controls(chosen);
        // Only controls were escaped: decoding gives back the text where it had no backslash of its own.
        if (!chosen.contains("\\") && chosen.chars().allMatch(c -> c < 0x100)) {
            assertThat(new String(Vis.decode(escaped), java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo(chosen);
        }
    }
}
