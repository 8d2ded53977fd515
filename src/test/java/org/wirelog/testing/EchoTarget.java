package org.wirelog.testing;

import java.net.InetAddress;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A TCP echo on 127.0.0.1 for a whole test class: {@code @RegisterExtension static final EchoTarget ECHO = new EchoTarget();} */
public final class EchoTarget implements BeforeAllCallback, AfterAllCallback {

    private TcpTargets targets;
    private int port;

    public int port() {
        return port;
    }

    /** One more echo, closed with the first. */
    public int another() throws java.io.IOException {
        return targets.echo(InetAddress.ofLiteral("127.0.0.1"));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        targets = new TcpTargets();
        port = targets.echo(InetAddress.ofLiteral("127.0.0.1"));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        targets.close();
    }
}
