package org.wirelog.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Placeholder until the sockd.conf parser lands from its branch. */
public final class SockdConf {
    private SockdConf() {
    }

    public static SocksConfig parse(Path file, Consumer<String> warnings) throws ConfigException, IOException {
        throw new UnsupportedOperationException("parser not merged yet");
    }

    public static SocksConfig parse(String text, Path name, Consumer<String> warnings) throws ConfigException {
        throw new UnsupportedOperationException("parser not merged yet");
    }
}
