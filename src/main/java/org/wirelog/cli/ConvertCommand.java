package org.wirelog.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.wirelog.query.RecordConversion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wirelog convert --to json|csv|dante|natlog LOGS...}: any log in, one format out. */
@Command(name = "convert", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Reads Dante, natlog, ipprotd, conntrack and kernel packet logs and writes their records in one format:",
                "json (one object a line), csv, dante (traffic log lines) or natlog (connection lines; NAT records only)."})
public final class ConvertCommand implements Callable<Integer> {

    @Option(names = "--to", required = true, paramLabel = "FORMAT", description = "json, csv, dante or natlog")
    RecordConversion.Target target;

    @Parameters(paramLabel = "LOGS", description = "log files, directories, or - for stdin (the default)")
    List<String> logs = new ArrayList<>();

    @Mixin
    LogReading reading;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        var conversion = new RecordConversion(target, reading.options().zone(), line -> out.println(line));
        conversion.header();
        long unread = reading.read(logs, System.in, spec.commandLine().getErr(), conversion::write);
        out.flush();
        if (conversion.skipped() > 0) {
            spec.commandLine().getErr().println("wirelog convert: " + conversion.skipped() + " records have no " + target.word() + " form, left out");
        }
        return unread > 0 ? 1 : 0;
    }
}
