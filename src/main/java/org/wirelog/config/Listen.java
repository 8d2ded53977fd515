package org.wirelog.config;

/**
 * An {@code internal:} or {@code external:} value: an address or an interface name, and a port
 * (0 where none was given).
 */
public record Listen(String host, int port) {
}
