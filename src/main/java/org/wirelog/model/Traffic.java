package org.wirelog.model;

/**
 * The counters of a whole session: its client-side link and, when one was opened, its target-side link.
 *
 * @param client the link to the source (CLIENT, or the remote host of a bindreply)
 * @param target the link to the destination, or null when none was ever opened
 */
public record Traffic(LinkCounters client, LinkCounters target) {

    public static final Traffic ZERO = new Traffic(LinkCounters.ZERO, LinkCounters.ZERO);
}
