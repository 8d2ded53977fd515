package org.wirelog.auth;

import org.wirelog.sys.ShadowPasswords;

/** The system's users, for methods that name a user without a password (rfc931 must name a known one). */
public final class SystemUsers {

    private SystemUsers() {
    }

    public static boolean exists(String user) {
        return NativeCalls.run(() -> ShadowPasswords.hasUser(user));
    }
}
