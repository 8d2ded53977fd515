package org.wirelog.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * JSON lines read by a real JSON parser (python3's json module, strict: no NaN, no trailing garbage), each object
 * flattened to {@code path -> value}: nested members as {@code client.port}, strings as they are, numbers as
 * python prints them ({@code 5}, {@code 0.25}), {@code true}/{@code false}.
 */
public final class JsonLines {

    private static final String FLATTEN = """
            import json, sys
            def reject(name): raise ValueError('not JSON: ' + name)
            def walk(prefix, value, out):
                if isinstance(value, dict):
                    for k, v in value.items(): walk(prefix + k + '.', v, out)
                elif isinstance(value, list):
                    for i, v in enumerate(value): walk(prefix + str(i) + '.', v, out)
                else:
                    text = 'null' if value is None else ('true' if value is True else ('false' if value is False else str(value)))
                    out.append(prefix[:-1] + '\\t' + text)
            for line in sys.stdin.read().split('\\n'):
                if not line: continue
                obj = json.loads(line, parse_constant=reject)
                if not isinstance(obj, dict): raise ValueError('not an object: ' + line)
                out = []
                walk('', obj, out)
                print('\\n'.join(out))
                print('\\f')
            """;

    private JsonLines() {
    }

    /** @throws AssertionError naming the line when one is not a JSON object */
    public static List<Map<String, String>> parse(List<String> lines) throws IOException, InterruptedException {
        Process python = new ProcessBuilder("python3", "-c", FLATTEN).start();
        try (var in = python.getOutputStream()) {
            in.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!python.waitFor(30, TimeUnit.SECONDS) || python.exitValue() != 0) throw new AssertionError("not JSON lines: " + err);
        List<Map<String, String>> objects = new ArrayList<>();
        for (String block : out.split("\f\n", -1)) {
            if (block.isEmpty()) continue;
            Map<String, String> members = new LinkedHashMap<>();
            for (String member : block.split("\n")) {
                int tab = member.indexOf('\t');
                members.put(member.substring(0, tab), member.substring(tab + 1));
            }
            objects.add(members);
        }
        return objects;
    }
}
