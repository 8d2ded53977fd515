package org.wirelog.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "socks", description = "Dante-compatible SOCKS 4/4a/5 server writing Dante's traffic log.")
public final class SocksCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
