package org.wirelog.auth;

import java.net.InetAddress;
import java.util.Optional;
import org.wirelog.sys.Pam;
import org.wirelog.sys.Privileges;
import org.wirelog.sys.ShadowPasswords;

/** Checks a user name and password (or, for address-only PAM, just the client's address). */
public sealed interface PasswordCheck {

    /**
     * @param user     the user name, or null for an address-only check
     * @param password the password, or null for an address-only check
     * @return empty if accepted, else what the checker said ("" when it says nothing more than no)
     */
    Optional<String> failure(String user, byte[] password, InetAddress client);

    /** How the log names this check, in front of "authentication failed": {@code system password}, {@code pam.username}. */
    String name();

    /** Dante's {@code username} method: crypt(3) against /etc/shadow. */
    record SystemPasswords() implements PasswordCheck {
        @Override
        public Optional<String> failure(String user, byte[] password, InetAddress client) {
            if (user == null || password == null) return Optional.of("no user name and password");
            // /etc/shadow is root's: like danted, take the privileged user back for the check (user.privileged).
            boolean right = NativeCalls.run(() -> Privileges.privileged(() -> ShadowPasswords.matches(user, password)));
            return right ? Optional.empty() : Optional.of("");
        }

        @Override
        public String name() {
            return "system password";
        }
    }

    /**
     * A PAM service ({@code pam.username}, {@code pam.any}, {@code pam.address}; {@code pamservicename:}).
     *
     * @param method the method's name for the log ({@code pam.username})
     */
    record PamService(String service, String method) implements PasswordCheck {
        @Override
        public Optional<String> failure(String user, byte[] password, InetAddress client) {
            Pam.Result result = NativeCalls.run(() -> Privileges.privileged(() -> Pam.login(service, user, password, client.getHostAddress())));
            return result.ok() ? Optional.empty() : Optional.of(result.text());
        }

        @Override
        public String name() {
            return method;
        }
    }
}
