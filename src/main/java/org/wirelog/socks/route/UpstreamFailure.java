package org.wirelog.socks.route;

import java.io.IOException;
import org.wirelog.socks.Reply;

/** The next proxy would not (or could not) connect us to the target; {@link #reply()} is what our client gets. */
public final class UpstreamFailure extends IOException {

    private final Reply reply;

    public UpstreamFailure(String message, Reply reply) {
        super(message);
        this.reply = reply;
    }

    public Reply reply() {
        return reply;
    }
}
