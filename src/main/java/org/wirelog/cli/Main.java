package org.wirelog.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code wirelog MODE [options]}: one launcher, one subcommand per mode. */
@Command(name = "wirelog", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Carries or watches traffic and logs every connection, in the formats the field already reads.")
public final class Main implements Runnable {

    /** The modes, in the order the help lists them. */
    private static final Map<String, Supplier<Object>> MODES = new LinkedHashMap<>();

    static {
        MODES.put("socks", SocksCommand::new);
        MODES.put("forward", ForwardCommand::new);
        MODES.put("nat", NatCommand::new);
        MODES.put("who", WhoCommand::new);
        MODES.put("index", IndexCommand::new);
        MODES.put("convert", ConvertCommand::new);
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        String[] expanded = NatCommand.expandSystemd(args);
        System.exit(commandLine(expanded.length > 0 ? expanded[0] : "").execute(expanded));
    }

    /** The command line with every mode. */
    public static CommandLine commandLine() {
        return commandLine("");
    }

    /**
     * The command line with only {@code mode} when it names one: picocli reads every option of every mode it is given
     * (reflection, a proxy class per annotation), and for the five modes not asked for that was a quarter of a second
     * of each run's start. Anything else (help, a mistake) gets every mode, as the help lists them.
     */
    static CommandLine commandLine(String mode) {
        CommandLine line = new CommandLine(new Main());
        Supplier<Object> asked = MODES.get(mode);
        if (asked != null) line.addSubcommand(asked.get());
        else MODES.values().forEach(command -> line.addSubcommand(command.get()));
        return line.setCaseInsensitiveEnumValuesAllowed(true);
    }
}
