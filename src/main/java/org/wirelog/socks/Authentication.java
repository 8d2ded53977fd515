package org.wirelog.socks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.wirelog.auth.Ident;
import org.wirelog.auth.PasswordCheck;
import org.wirelog.auth.SystemUsers;
import org.wirelog.format.dante.Vis;
import org.wirelog.model.Identity;
import org.wirelog.relay.IoErrors;
import org.wirelog.rules.AuthMethod;

/**
 * The authentication step of a negotiation, between the method choice and the request: RFC 1929 for
 * {@code username} and {@code pam.username}, a PAM address check for {@code pam.address}, an RFC 1413 lookup for
 * {@code rfc931}. A failure ends the negotiation with a text that always reads
 * {@code ... authentication failed for user "NAME"} (or {@code for client ADDRESS}).
 */
final class Authentication {

    /** Where an ident lookup stops waiting when {@code timeout.negotiate} is 0 (none). */
    private static final Duration IDENT_LIMIT = Duration.ofSeconds(15);

    /** A method, and the METHOD byte it was chosen by (pam.any goes either way). */
    record Choice(AuthMethod method, int code) {
    }

    @FunctionalInterface
    interface Sender {
        void send(ByteBuffer message) throws NegotiationFailure;
    }

    private final SocketChannel channel;
    private final Settings settings;
    private final NegotiationReader in;
    private final Sender out;

    Authentication(SocketChannel channel, Settings settings, NegotiationReader in, Sender out) {
        this.channel = channel;
        this.settings = settings;
        this.in = in;
        this.out = out;
    }

    /** The first of our methods, in the order configured, that the client offered; null if none. */
    static Choice choose(List<AuthMethod> ours, byte[] offered) {
        for (AuthMethod method : ours) {
            for (int code : codes(method)) {
                for (byte theirs : offered) {
                    if ((theirs & 0xff) == code) return new Choice(method, code);
                }
            }
        }
        return null;
    }

    /** The METHOD bytes that select a method: the methods that ask the client nothing go by "no authentication". */
    private static int[] codes(AuthMethod method) {
        return switch (method) {
            case NONE, RFC931, PAM_ADDRESS -> new int[] {0x00};
            case USERNAME, PAM_USERNAME -> new int[] {0x02};
            case PAM_ANY -> new int[] {0x02, 0x00};
            case GSSAPI, BSDAUTH -> new int[0]; // refused by SocksServer.checkSupported
        };
    }

    /** Runs the chosen method; returns who the client is, or null where the method names nobody. */
    Identity run(Choice choice) throws NegotiationFailure {
        return switch (choice.method()) {
            case NONE -> null;
            case USERNAME -> login(new PasswordCheck.SystemPasswords(), choice.method());
            case PAM_USERNAME -> login(pam(choice.method()), choice.method());
            case PAM_ANY -> choice.code() == 0x02 ? login(pam(choice.method()), choice.method()) : addressOnly(choice.method());
            case PAM_ADDRESS -> addressOnly(choice.method());
            case RFC931 -> ident();
            case GSSAPI, BSDAUTH -> throw new NegotiationFailure("socksmethod " + choice.method().word() + " is not supported");
        };
    }

    private PasswordCheck.PamService pam(AuthMethod method) {
        return new PasswordCheck.PamService(settings.pamServiceName(), method.word());
    }

    private Identity login(PasswordCheck check, AuthMethod method) throws NegotiationFailure {
        UsernamePassword.Credentials credentials = UsernamePassword.read(in);
        Optional<String> failure;
        try {
            failure = check.failure(credentials.user(), credentials.password(), clientAddress().getAddress());
        } finally {
            Arrays.fill(credentials.password(), (byte) 0);
        }
        // What a client may put in a log line is made visible, never raw: a name is not allowed to start a line.
        String shown = Vis.encode(credentials.user().getBytes(StandardCharsets.UTF_8));
        out.send(UsernamePassword.status(failure.isEmpty()));
        if (failure.isPresent()) {
            throw new NegotiationFailure(check.name() + " authentication failed for user \"" + shown + "\""
                    + (failure.get().isEmpty() ? "" : ": " + failure.get()));
        }
        return new Identity(method.word(), shown);
    }

    private Identity addressOnly(AuthMethod method) throws NegotiationFailure {
        PasswordCheck.PamService check = pam(method);
        InetSocketAddress client = clientAddress();
        // No user: modules that need one (pam_permit, pam_access) then see an empty name, never a prompt.
        Optional<String> failure = check.failure("", null, client.getAddress());
        if (failure.isPresent()) {
            throw new NegotiationFailure(check.name() + " authentication failed for client " + client.getAddress().getHostAddress()
                    + (failure.get().isEmpty() ? "" : ": " + failure.get()));
        }
        return null;
    }

    private Identity ident() throws NegotiationFailure {
        InetSocketAddress client = clientAddress();
        InetSocketAddress server;
        try {
            server = (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new NegotiationFailure(IoErrors.describe(e));
        }
        Duration negotiate = settings.timeouts().negotiate();
        // Half the negotiate timeout: the lookup's own failure is the clearer line than "negotiate timeout".
        Duration limit = negotiate.isZero() ? IDENT_LIMIT : negotiate.dividedBy(2);
        String who = client.getAddress().getHostAddress() + "." + client.getPort();
        return switch (Ident.lookup(client, server, limit)) {
            case Ident.User(String name) -> {
                String shown = Vis.encode(name.getBytes(StandardCharsets.UTF_8));
                // Dante: the ident user must be a user of the system password file.
                if (!SystemUsers.exists(name)) {
                    throw new NegotiationFailure("rfc931 authentication failed for user \"" + shown + "\": client " + who
                            + " is not a user of the system password file");
                }
                yield new Identity(AuthMethod.RFC931.word(), shown);
            }
            case Ident.Failure(String reason) -> throw new NegotiationFailure(
                    "rfc931 authentication failed for client " + who + ": " + reason);
        };
    }

    private InetSocketAddress clientAddress() throws NegotiationFailure {
        try {
            return (InetSocketAddress) channel.getRemoteAddress();
        } catch (IOException e) {
            throw new NegotiationFailure(IoErrors.describe(e));
        }
    }
}
