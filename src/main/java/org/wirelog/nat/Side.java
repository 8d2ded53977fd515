package org.wirelog.nat;

/** Which of the firewall's two captures a packet came from. */
public enum Side {
    /** The device (or file) behind the firewall: untranslated inside addresses. */
    INSIDE,
    /** The device (or file) towards the destinations: source-natted packets. */
    OUTSIDE
}
