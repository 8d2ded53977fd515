package org.wirelog.model;

/**
 * Who is behind an endpoint, and how we know: {@code username%alice}, {@code rfc931%root}, {@code pam%bob}.
 */
public record Identity(String method, String user) {
    @Override
    public String toString() {
        return method + "%" + user;
    }
}
