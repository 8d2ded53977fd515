package org.wirelog.cli;

import org.wirelog.format.ipprot.Expression;
import org.wirelog.format.ipprot.Template;

/** The text of {@code wirelog forward -?}: ipprotd's options, and what the lost parts of its page mean here. */
final class ForwardHelp {

    private ForwardHelp() {
    }

    static String text() {
        StringBuilder expressions = new StringBuilder();
        expressions.append("%%   %\n%n   a newline\n");
        for (Expression e : Expression.values()) {
            expressions.append("%").append(e.letter()).append("   ").append(e.description()).append('\n');
        }
        return """
                Usage: wirelog forward [-p inport[@listen_host]] [-h out_host] [-P out_port[@out_host]] [-b buffsize]
                         [-f data_log_file] [-l|-L] [-s] [-z|-j] [-t secs] [-M] [-u[T] cmd]
                         [-c connection_log_file] [-C connection_log_format] [-r client_ip1 [-r client_ip2 ...]]
                         [-D|-Dp pid_file] [--log-format dante|ipprot|json] [--log-output FILE|stdout|stderr]
                         [--pid-file FILE] [-?|-v]
                ipprotd-compatible TCP port forwarder: forwards every connection to the destination, logs it and
                records its traffic. Option values may be attached (-p8080@host) or follow (-p 8080@host).

                  -p inport[@listen_host]  listen on inport (default 8080) on every address, also addresses added
                                           while running, or only on listen_host (0: any free port)
                  -h out_host              forward to out_host (default localhost)
                  -P out_port[@out_host]   forward to out_port (default 80) on out_host
                  -b buffsize              read and pass on at most buffsize bytes at once (default 300000)
                  -f data_log_file         record each connection to <data_log_file>_<yyyy-mm-dd_HHMMSS>_<n>_<client_ip>
                                           (plus .gz with -z, .bz2 with -j); by default only the traffic to the
                                           connection establisher
                  -l                       record both directions
                  -L                       record only what the connection establisher sends
                  -s                       record printable characters only (CR, LF, [:blank:], [:graph:]);
                                           a run of other bytes becomes one blank
                  -z                       gzip the data file while it is written (readable while running)
                  -j                       bzip2 the data file while it is written
                  -t secs                  insert #748369#<yyyy-mm-dd HH:MM:SS+hh:mm> before data from the
                                           establisher when secs have passed since the last one (and at first)
                  -M                       precede each block by a line #848367#<usec> (from the establisher)
                                           or #948366#<usec> (to it), microseconds since the epoch; blocks of
                                           a direction that is not recorded keep their line without data
                  -u cmd                   after a connection closed, run cmd (with /bin/sh) with the parameters
                                           <data_log_file> <client_ip>; a failure is logged, never fatal
                  -uT cmd                  the same, with the times and traffic too: <data_log_file> <client_ip>
                                           <begin> <end> <secs> <bytes_in> <bytes_out> (times as %s/%e,
                                           bytes from and to the establisher)
                  -c connection_log_file   append one entry per connection when it closes (also for refused ones)
                  -C connection_log_format the entry; default:
                                           %DEFAULT%
                                           expressions:
                %EXPRESSIONS%
                  -r client_ip             only let this client in (up to 30 times); others are refused and logged
                  -D                       run as a daemon
                  -Dp pid_file             run as a daemon and write its pid to pid_file
                  --log-format dante|ipprot|json  the format of --log-output (default dante: Dante's traffic log; json: one object per event)
                  --log-output DEST        also log every connection to a file, stdout or stderr (repeatable)
                  --pid-file FILE          write the pid to FILE without detaching
                  --metrics ADDR:PORT      serve Prometheus metrics at /metrics and a live status page at / (docs/metrics.md)
                  -?, --help               show this help
                  -v, --version            show version information

                SIGTERM (kill `cat pid_file`): stop accepting; open connections go on until they close, then exit.
                SIGINT, or a second SIGTERM: close open connections now (their files are completed), then exit.
                SIGHUP: reopen the log files (after logrotate).
                """.replace("%DEFAULT%", Template.DEFAULT).replace("%EXPRESSIONS%\n", expressions.toString().indent(22));
    }
}
