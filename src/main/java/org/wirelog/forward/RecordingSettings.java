package org.wirelog.forward;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.wirelog.model.Session;

/**
 * How connections are recorded (-f and its companions).
 *
 * @param prefix        the data_log_file of -f: path and file prefix
 * @param recorded      which directions (-l, -L, default)
 * @param printableOnly -s
 * @param markers       -M: each block preceded by its direction's magic number and a timestamp
 * @param stampInterval -t: how often an iso timestamp is inserted before data from the establisher, or null
 * @param compression   -z, -j or none
 */
public record RecordingSettings(Path prefix, Recorded recorded, boolean printableOnly, boolean markers,
                                Duration stampInterval, Compression compression) {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd_HHmmss");

    /** {@code <data_log_file>_<yyyy-mm-dd_HHMMSS>_<n>_<client_ip>}, plus .gz or .bz2 when compressed. */
    public Path fileFor(Session session, ZoneId zone) {
        return Path.of(prefix + "_" + STAMP.format(session.begin().atZone(zone)) + "_" + session.id() + "_"
                + session.client().host() + compression.suffix());
    }
}
