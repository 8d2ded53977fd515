package org.wirelog.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short real fuzzing run of the test suite (the {@code @FuzzTest}s themselves only replay their seeds
 * unless {@code JAZZER_FUZZ} is set): every target, behind {@link EveryParser}, fuzzed by Jazzer's own driver
 * in a JVM of its own for {@value #SECONDS} seconds, starting from all the seeds. Any finding fails the test
 * with Jazzer's report (the exception, the input). Longer runs: docs/fuzzing.md.
 */
class EveryParserFuzzRunTest {

    private static final int SECONDS = 30;

    @TempDir
    Path dir;

    @Test
    void everyTargetIsFuzzedWithoutAFinding() throws IOException, InterruptedException, URISyntaxException {
        Path corpus = Files.createDirectory(dir.resolve("corpus"));
        int seeds = seedCorpus(corpus);
        Path output = dir.resolve("jazzer.txt");
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
                "--enable-native-access=ALL-UNNAMED", "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED", "-XX:+EnableDynamicAgentLoading",
                "-cp", System.getProperty("java.class.path"), "com.code_intelligence.jazzer.Jazzer",
                "--target_class=" + EveryParser.class.getName(), "--instrumentation_includes=org.wirelog.**",
                "--reproducer_path=" + dir, "-artifact_prefix=" + dir + "/", "-max_total_time=" + SECONDS,
                // one mutation sequence for every run: a finding here is found again by the next run, not by chance
                "-seed=1",
                // the first inputs run while classes are loaded and instrumented: slow on a busy machine, not hung
                "-timeout=60", "-rss_limit_mb=0", corpus.toString());
        Process jazzer = builder.directory(dir.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = jazzer.waitFor(SECONDS + 150, TimeUnit.SECONDS);
        if (!ended) jazzer.destroyForcibly().waitFor();
        String report = Files.readString(output);

        assertThat(ended).as("Jazzer ends within its time\n" + tail(report)).isTrue();
        assertThat(jazzer.exitValue()).as("Jazzer's report:\n" + tail(report)).isZero();
        Matcher done = Pattern.compile("Done (\\d+) runs in (\\d+) second").matcher(report);
        assertThat(done.find()).as(tail(report)).isTrue();
        long runs = Long.parseLong(done.group(1));
        System.out.println("fuzzed " + runs + " inputs in " + done.group(2) + " s (" + seeds + " seeds)");
        report.lines().filter(line -> line.startsWith("wirelog-fuzz: ")).forEach(System.out::println);
        assertThat(runs).as("at least every seed ran").isGreaterThanOrEqualTo(seeds);
    }

    /** Every seed of every target, behind the byte that picks that target; every seed directory has its target. */
    private static int seedCorpus(Path corpus) throws IOException, URISyntaxException {
        Path resources = Path.of(EveryParser.class.getResource("/").toURI());
        List<String> known = new ArrayList<>();
        int count = 0;
        for (EveryParser.Target target : EveryParser.TARGETS.values()) {
            known.add(target.seeds());
            int selector = EveryParser.selector(target.name());
            try (Stream<Path> seeds = Files.list(resources.resolve(target.seeds()))) {
                for (Path seed : seeds.toList()) {
                    byte[] input = Files.readAllBytes(seed);
                    byte[] selected = new byte[input.length + 1];
                    selected[0] = (byte) selector;
                    System.arraycopy(input, 0, selected, 1, input.length);
                    Files.write(corpus.resolve(selector + "-" + seed.getFileName()), selected);
                    count++;
                }
            }
        }
        try (Stream<Path> all = Files.walk(resources)) {
            List<String> seedDirectories = all.filter(p -> p.getParent() != null && p.getParent().getFileName().toString().endsWith("FuzzTestInputs"))
                    .map(p -> resources.relativize(p).toString()).toList();
            assertThat(known).as("a target in EveryParser for each seed directory").containsExactlyInAnyOrderElementsOf(seedDirectories);
        }
        return count;
    }

    private static String tail(String report) {
        List<String> lines = report.lines().filter(l -> !l.startsWith("INFO: Instrumented") && !l.startsWith("INFO: Loaded")).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    }
}
