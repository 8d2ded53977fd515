package org.wirelog.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.wirelog.model.Level;
import org.wirelog.sys.Syslog;
import org.wirelog.sys.UnixDatagramSocket;

/**
 * The system log: each message a datagram to the syslog socket ({@code /dev/log}), in syslog(3)'s own shape,
 * {@code <PRI>Mmm dd HH:MM:SS ident[pid]: message}, the message without the format's line prefix. With
 * {@code fixedPriority} >= 0 every message gets that priority (natlog's {@code --syslog-priority}); otherwise each
 * event's level decides.
 *
 * <p>wirelog writes the datagrams itself rather than through libc's syslog(3), which drops messages in silence
 * when the syslog daemon is gone: here the log writer says so once, the socket is tried again (at most once a
 * second), and the messages missed meanwhile are counted in one notice once the daemon is back.
 */
public final class SyslogDestination implements Destination {

    public static final Path DEV_LOG = Path.of("/dev/log");
    /** syslog(3)'s timestamp, {@code %h %e %T}: the day padded with a space, local time. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH);

    private final Path socketPath;
    private final String name;
    private final String tag;
    private final int fixedPriority;
    private final int facility;
    private final Outage outage;
    private UnixDatagramSocket socket;

    public SyslogDestination(String ident, Syslog.Facility facility, int fixedPriority) {
        this(DEV_LOG, ident, 0, facility, fixedPriority);
    }

    /** @param options openlog(3)'s options; {@link Syslog#LOG_PID} is the one that changes the message */
    public SyslogDestination(String ident, int options, Syslog.Facility facility, int fixedPriority) {
        this(DEV_LOG, ident, options, facility, fixedPriority);
    }

    /** @param socketPath where the syslog daemon listens: {@code /dev/log}, or a test's own socket */
    public SyslogDestination(Path socketPath, String ident, int options, Syslog.Facility facility, int fixedPriority) {
        this.socketPath = socketPath;
        this.name = "syslog/" + facility.name().toLowerCase(Locale.ROOT);
        this.tag = (options & Syslog.LOG_PID) != 0 ? ident + "[" + ProcessHandle.current().pid() + "]" : ident;
        this.fixedPriority = fixedPriority;
        this.facility = facility.code();
        this.outage = new Outage(name + " (" + socketPath + ")");
    }

    @Override
    public void write(Level level, String message, String line) throws IOException {
        // The facility goes with each message: logoutput and errorlog may name different ones.
        int priority = facility | (fixedPriority >= 0 ? fixedPriority : level.priority());
        byte[] datagram = ("<" + priority + ">" + TIMESTAMP.format(ZonedDateTime.now()) + " " + tag + ": " + message)
                .getBytes(StandardCharsets.UTF_8);
        if (!outage.mayTry()) throw new IOException(socketPath + ": not tried again yet");
        try {
            if (socket == null) socket = UnixDatagramSocket.connect(socketPath);
            socket.send(datagram);
        } catch (IOException e) {
            // The daemon restarted (a new socket under the same name) or is gone: connect afresh next time.
            closeSocket();
            outage.failed();
            throw e;
        }
        outage.worked();
    }

    @Override
    public void flush() {
        // each message is sent as it is written
    }

    @Override
    public List<String> takeNotices() {
        return outage.takeNotices();
    }

    @Override
    public String name() {
        return name;
    }

    private void closeSocket() {
        if (socket == null) return;
        socket.close();
        socket = null;
    }

    @Override
    public void close() {
        closeSocket();
    }
}
