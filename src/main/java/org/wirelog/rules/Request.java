package org.wirelog.rules;

import org.wirelog.model.Command;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Protocol;

/**
 * What a rule is asked about.
 *
 * @param from     for client rules and requests: the client; for bindreply/udpreply: the remote host that answers
 * @param to       for client rules: the address the client connected to; for requests: the target
 * @param command  the SOCKS command, or ACCEPT for client rules
 * @param protocol tcp or udp
 * @param method   how the client authenticated
 * @param user     the authenticated user name, or null
 */
public record Request(Endpoint from, Endpoint to, Command command, Protocol protocol, AuthMethod method, String user) {
}
