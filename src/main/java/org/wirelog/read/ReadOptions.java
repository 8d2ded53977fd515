package org.wirelog.read;

import java.time.ZoneId;
import org.wirelog.format.ipprot.Template;

/**
 * What a reader cannot learn from the logs themselves.
 *
 * @param year     the year of times written without one ({@code Nov 23 11:51:32})
 * @param zone     the zone of times written without one
 * @param template ipprotd's connection log format (-C), or null when no connection log is read
 */
public record ReadOptions(int year, ZoneId zone, Template template) {

    public static ReadOptions current(ZoneId zone, Template template) {
        return new ReadOptions(java.time.Year.now(zone).getValue(), zone, template);
    }
}
