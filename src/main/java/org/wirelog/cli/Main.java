package org.wirelog.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code wirelog MODE [options]}: one launcher, one subcommand per mode. */
@Command(name = "wirelog", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Carries or watches traffic and logs every connection, in the formats the field already reads.",
        subcommands = {SocksCommand.class, ForwardCommand.class, NatCommand.class, WhoCommand.class,
                IndexCommand.class, ConvertCommand.class})
public final class Main implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(NatCommand.expandSystemd(args)));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
