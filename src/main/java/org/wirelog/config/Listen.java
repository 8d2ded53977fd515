package org.wirelog.config;

/**
 * An {@code internal:} or {@code external:} value: an address or an interface name, and a port. Where none was given
 * the port is 0 for {@code external:} and Dante's 1080 for {@code internal:}.
 */
public record Listen(String host, int port) {
}
