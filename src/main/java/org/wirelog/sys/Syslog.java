package org.wirelog.sys;

import java.util.Locale;

/** syslog's words: facilities with their codes, and openlog(3)'s LOG_PID, as the syslog destinations use them. */
public final class Syslog {

    /** syslog(3) facilities by name, with their codes (already shifted, as openlog wants them). */
    public enum Facility {
        KERN(0), USER(1), MAIL(2), DAEMON(3), AUTH(4), SYSLOG(5), LPR(6), NEWS(7), UUCP(8), CRON(9), AUTHPRIV(10), FTP(11),
        LOCAL0(16), LOCAL1(17), LOCAL2(18), LOCAL3(19), LOCAL4(20), LOCAL5(21), LOCAL6(22), LOCAL7(23);

        private final int code;

        Facility(int number) {
            this.code = number << 3;
        }

        public int code() {
            return code;
        }

        public static Facility of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    /** openlog(3) option: put the pid into every message, {@code wirelog[42]:}, as daemons do. */
    public static final int LOG_PID = 1;

    private Syslog() {
    }
}
