package org.wirelog.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.format.dante.DanteFormat;
import org.wirelog.format.natlog.Columns;
import org.wirelog.format.natlog.NatlogFields;
import org.wirelog.format.natlog.NatlogLineFormat;
import org.wirelog.format.natlog.NatlogStatus;
import org.wirelog.format.natlog.TimeStyle;
import org.wirelog.model.Command;
import org.wirelog.model.EndReason;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Event;
import org.wirelog.model.Identity;
import org.wirelog.model.LinkCounters;
import org.wirelog.model.Protocol;
import org.wirelog.model.Session;
import org.wirelog.model.Traffic;
import org.wirelog.model.Verdict;
import org.wirelog.read.LogInputs;
import org.wirelog.read.LogReader;
import org.wirelog.read.Problem;
import org.wirelog.read.ReadOptions;

/**
 * "Who was it" across a NAT log (natlog line, gzip), a SOCKS server's Dante log (bzip2, garbage lines
 * in it) and a forwarder's Dante log, each written by wirelog's own writers: the outside address names
 * the forwarder's client, and the SOCKS user.
 */
class WhoTest {

    @TempDir
    Path dir;

    private static final Instant T0 = Instant.parse("2026-11-23T12:03:30.250000Z");

    private static Endpoint ep(String ip, int port) {
        return Endpoint.of(InetAddress.ofLiteral(ip), port);
    }

    @Test
    void followsNatToProxyToForwarderToTheClientAndUser() throws IOException {
        var dante = new DanteFormat("wirelog", 42, ZoneOffset.UTC);
        // The forwarder: client 10.1.0.5:50000 -> 10.1.0.1:1081, out from 10.1.0.1:40000 to the proxy 10.1.0.2:1080.
        Session forward = new Session(1, Protocol.TCP, Command.FORWARD, Verdict.pass(0), ep("10.1.0.5", 50000),
                ep("10.1.0.1", 1081), ep("10.1.0.1", 40000), null, null, ep("10.1.0.2", 1080), T0);
        // The proxy: client (the forwarder's outgoing socket, user alice) -> out from 192.168.77.2:41001 to the target.
        Session connect = new Session(2, Protocol.TCP, Command.CONNECT, Verdict.pass(1),
                ep("10.1.0.1", 40000).withIdentity(new Identity("username", "alice")), ep("10.1.0.2", 1080),
                ep("192.168.77.2", 41001), null, null, ep("203.0.113.80", 443), T0.plusMillis(2));
        Traffic traffic = new Traffic(LinkCounters.bytes(2000, 100), LinkCounters.bytes(100, 2000));
        List<String> forwarderLog = List.of(
                dante.line(new Event.SessionOpened(T0, forward), dante.message(new Event.SessionOpened(T0, forward))),
                line(dante, new Event.SessionClosed(T0.plusSeconds(5), forward, traffic, EndReason.of(EndReason.Kind.CLIENT_CLOSED))));
        List<String> proxyLog = List.of(
                line(dante, new Event.SessionOpened(T0.plusMillis(2), connect)),
                "garbage that is no log line",
                line(dante, new Event.SessionClosed(T0.plusSeconds(4), connect, traffic, EndReason.of(EndReason.Kind.CLIENT_CLOSED))));
        var natlog = new NatlogLineFormat(TimeStyle.RAW, ZoneOffset.UTC, Columns.ALL);
        var translation = new NatlogFields(Protocol.TCP, ep("192.168.77.2", 41001), ep("198.51.100.1", 5489), ep("203.0.113.80", 443),
                420, 2216, T0.plusMillis(3), T0.plusSeconds(4), NatlogStatus.OK);
        Path nat = gzip("nat.log.gz", "processing: tcp\n" + natlog.line(translation) + "\n");
        Path proxy = bzip2("sockd.log.bz2", String.join("\n", proxyLog) + "\n");
        Path fwd = Files.writeString(dir.resolve("forward.log"), String.join("\n", forwarderLog) + "\n");

        MemoryStore store = new MemoryStore();
        List<Problem> problems = new ArrayList<>();
        LogReader reader = new LogReader(new ReadOptions(2026, ZoneOffset.UTC, null), store::add, problems::add);
        for (var input : LogInputs.of(List.of(nat.toString(), proxy.toString(), fwd.toString()), System.in)) reader.read(input);
        reader.finish();

        assertThat(problems).extracting(p -> p.origin().toString()).containsExactly(proxy + ":2");
        Who.Answer answer = new Who(store).ask(EndpointArgument.parse("198.51.100.1:5489"),
                Instant.parse("2026-11-23T12:03:32Z"), Duration.ofSeconds(1));
        assertThat(answer.chains()).hasSize(1);
        Attribution natHop = answer.chains().getFirst();
        assertThat(natHop.connection().session().client()).isEqualTo(ep("192.168.77.2", 41001));
        Attribution proxyHop = natHop.inside().getFirst();
        assertThat(proxyHop.connection().session().client().identity().user()).isEqualTo("alice");
        assertThat(natHop.origins()).singleElement()
                .satisfies(c -> assertThat(c.session().client()).isEqualTo(ep("10.1.0.5", 50000)));
        assertThat(AnswerText.text(answer)).contains("user alice").contains("= client 10.1.0.5:50000");
        assertThat(AnswerText.json(answer)).contains("\"user\":\"alice\"").contains("\"inside\":[");

        Who.Answer before = new Who(store).ask(EndpointArgument.parse("198.51.100.1:5489"),
                Instant.parse("2026-11-23T12:03:20Z"), Duration.ofSeconds(1));
        assertThat(before.chains()).isEmpty();
    }

    private static String line(DanteFormat dante, Event event) {
        return dante.line(event, dante.message(event));
    }

    private Path gzip(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private Path bzip2(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new BZip2CompressorOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }
}
