package org.wirelog.cli;

import picocli.CommandLine.IVersionProvider;

/** The version line of every mode's {@code -v}/{@code --version}. */
public final class Version implements IVersionProvider {

    public static final String NUMBER = "0.1.0";

    @Override
    public String[] getVersion() {
        return new String[] {"wirelog v" + NUMBER + " (Java " + Runtime.version() + ")"};
    }
}
