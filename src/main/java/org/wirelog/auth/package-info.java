/**
 * Who the client is: user name and password checked against the system's password database or a PAM service,
 * and RFC 1413 ident lookups. The SOCKS messages that carry credentials live in {@code socks}; the C libraries
 * are reached through {@code sys}.
 */
package org.wirelog.auth;
