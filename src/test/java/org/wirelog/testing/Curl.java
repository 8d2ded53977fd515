package org.wirelog.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real curl, as a SOCKS client: returns what it printed with {@code -w %{http_code}}. */
public final class Curl {

    private Curl() {
    }

    /** @param socksOption --socks4, --socks4a, --socks5, --socks5-hostname */
    public static String get(String socksOption, String proxy, String url, String... extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}",
                "--max-time", "10", socksOption, proxy));
        command.addAll(List.of(extra));
        command.add(url);
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(curl.getInputStream().readAllBytes()).trim();
        if (!curl.waitFor(15, TimeUnit.SECONDS)) {
            curl.destroyForcibly();
            throw new IOException("curl did not finish");
        }
        return output;
    }
}
