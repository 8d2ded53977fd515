package org.wirelog.forward;

import java.util.List;
import org.wirelog.format.ipprot.Expression;

/**
 * The post-processing command of -u or -uT, run after a connection closed, with the connection's metrics as
 * parameters (the values of the connection log's expressions, see {@link #parameters()}).
 *
 * @param command     run by /bin/sh, so it may carry its own arguments: {@code -u "/usr/bin/logger -t ipprot"}
 * @param timesTraffic -uT: also the times and traffic counts
 */
public record PostCommand(String command, boolean timesTraffic) {

    /** -u: the data log file and the client ip, the two things the page's file name is made of. */
    private static final List<Expression> FILE_AND_CLIENT = List.of(Expression.DATA_FILE, Expression.CLIENT_IP);

    /** -uT: then begin, end, duration in seconds, bytes from and to the establisher. */
    private static final List<Expression> WITH_TIMES_AND_TRAFFIC = List.of(Expression.DATA_FILE, Expression.CLIENT_IP,
            Expression.BEGIN, Expression.END, Expression.DURATION_SECONDS, Expression.BYTES_IN, Expression.BYTES_OUT);

    public List<Expression> parameters() {
        return timesTraffic ? WITH_TIMES_AND_TRAFFIC : FILE_AND_CLIENT;
    }
}
